import XCTest
@testable import ParLearnKit

/// Every learner primitive, once on real threads (plain mode) and under the checker.
final class ThreadsPrimitivesTests: XCTestCase {
    /// A producer/consumer exchange through each primitive; returns what the consumer saw.
    static func exchange() -> [String] {
        let hits = Atomic(0, "hits")
        let flag = Atomic(false, "flag")
        let log = Mutex([String](), "log")
        let lock = Lock("l"), reentrant = RecursiveLock("r")
        let ready = Condition("ready")
        let done = Semaphore(value: 0, "done")
        let jobs = Channel<Int>(capacity: 1, "jobs")
        let once = Once()
        let lazy = Lazy { 42 }
        let box = Shared(0, "box")
        let producer = spawn("producer") {
            for i in 1...3 { try? jobs.send(i) }
            jobs.close()
            hits.wrappingAdd(1, ordering: .relaxed)
            _ = flag.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing)
            done.signal()
            lock.withLock {
                box.value = 1
                ready.broadcast()
            }
            reentrant.withLock { reentrant.withLock { log.withLock { $0.append("reentrant") } } }
            once.run { log.withLock { $0.append("once") } }
            yieldNow()
            return lazy.value
        }
        var sum = 0
        while let v = jobs.receive() { sum += v }
        done.wait()
        lock.lock()
        while box.value == 0 { ready.wait(lock) }
        lock.unlock()
        once.run { log.withLock { $0.append("once") } }
        let made = producer.join()
        let sendAfterClose: Bool
        do throws(ChannelClosed) { try jobs.send(9); sendAfterClose = true } catch { sendAfterClose = false }
        // Either thread may run `once` first, so the log is compared in sorted order.
        return log.withLock { $0 }.sorted() + [
            "sum \(sum)", "hits \(hits.load(ordering: .relaxed))", "flag \(flag.load(ordering: .relaxed))",
            "lazy \(made) \(lazy.value)", "tryWait \(done.tryWait())", "sendAfterClose \(sendAfterClose)",
            "free \(log.withLockIfAvailable { _ in true } ?? false)",
        ]
    }

    static let expected = ["once", "reentrant", "sum 6", "hits 1", "flag true", "lazy 42 42", "tryWait false",
                           "sendAfterClose false", "free true"]

    func testPrimitivesWorkOnRealThreads() {
        for _ in 0..<50 { XCTAssertEqual(Self.exchange(), Self.expected) }
    }

    func testPrimitivesAreCleanUnderTheChecker() {
        let body: @Sendable () -> Void = {
            let seen = ThreadsPrimitivesTests.exchange()
            check(seen == ThreadsPrimitivesTests.expected, "saw \(seen)")
        }
        for strategy in [RunRequest.Strategy.portfolio, .dfs] {
            let request = RunRequest(mode: .explore, strategy: strategy, schedules: 2000, preemptionBound: 1)
            let report = ThreadExplorer.explore(request: request, settings: .init(sourceLines: false), body: body)
            XCTAssertEqual(report.verdict, .clean, "\(strategy): \(report.message) \(report.details)")
            XCTAssertGreaterThan(report.schedulesRun, 10)
        }
    }

    /// A semaphore that admits two threads does not protect the counter.
    func testASemaphoreOfTwoIsNotAMutex() {
        let body: @Sendable () -> Void = {
            let gate = Semaphore(value: 2, "gate")
            let counter = Shared(0, "counter")
            let ts = (1...2).map { i in spawn("T\(i)") { gate.wait(); counter.value += 1; gate.signal() } }
            for t in ts { t.join() }
            check(counter.value == 2, "counter is \(counter.value)")
        }
        let report = ThreadExplorer.explore(request: RunRequest(mode: .explore, schedules: 500), settings: .init(sourceLines: false), body: body)
        XCTAssertEqual(report.kind, .invariant, report.message)
        XCTAssertEqual(report.message, "counter is 1")
    }
}
