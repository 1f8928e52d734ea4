import XCTest
import Synchronization
@testable import ParLearnKit

private let workerName = IsolateLocal("unset", "workerName")

/// One pool API over threads and isolates: the same code, the kind swapped by one argument.
/// Pools of processes re-execute their program, which must be a learner's program rather than
/// this test bundle: `PoolKindSwapTests` swaps among all three kinds there.
final class PoolTests: XCTestCase {
    private static let kinds: [PoolKind] = [.threads, .isolates]
    private static let square = WorkFunction("square") { (n: Int) in n * n }

    /// The code a learner writes once, whatever the pool's kind.
    private static func squares(on kind: PoolKind) -> [Int]? {
        let pool = WorkerPool(kind, workers: 2)
        defer { pool.shutdown() }
        return try? pool.map(square, Array(1...6))
    }

    func testSwappingTheKindGivesTheSameResults() {
        for kind in Self.kinds {
            XCTAssertEqual(Self.squares(on: kind), [1, 4, 9, 16, 25, 36], "\(kind)")
        }
    }

    func testSwappingTheKindGivesTheSameResultsUnderTheChecker() {
        for kind in Self.kinds {
            let request = RunRequest(mode: .explore, strategy: .portfolio, schedules: 200, seed: 3)
            let report = ThreadExplorer.explore(request: request, settings: .init(sourceLines: false)) {
                let results = PoolTests.squares(on: kind)
                check(results == [1, 4, 9, 16, 25, 36], "\(kind) pool returned \(String(describing: results))")
            }
            XCTAssertEqual(report.verdict, .clean, "\(kind): \(report.message) \(report.details)")
            XCTAssertEqual(report.schedulesRun, 200)
        }
    }

    func testTheWorkersAreNamedAfterTheirKind() {
        for kind in Self.kinds {
            let request = RunRequest(mode: .explore, strategy: .random, schedules: 50, seed: 1)
            let report = ThreadExplorer.explore(request: request, settings: .init(sourceLines: false)) {
                let pool = WorkerPool(kind, workers: 2)
                let results = try? pool.map(PoolTests.square, [1, 2])
                pool.shutdown()
                check(results == [1, 5], "one column per worker")   // fails on purpose, to get a trace
            }
            XCTAssertEqual(report.kind, .invariant)
            let prefix = kind == .threads ? "thread-" : "isolate-"
            XCTAssertEqual(report.threads.filter { $0.hasPrefix(prefix) }.count, 2, "\(kind): \(report.threads)")
        }
    }

    /// Shutdown with jobs still queued: every job runs, exactly once, and later work is refused.
    func testShutdownRunsEveryQueuedJobOnce() {
        for kind in Self.kinds {
            let runs = Synchronization.Mutex([Int](repeating: 0, count: 40))
            let released = Synchronization.Atomic(false)
            let counted = WorkFunction("count") { (i: Int) -> Int in
                while !released.load(ordering: .acquiring) { sched_yield() }   // hold the queue full
                runs.withLock { $0[i] += 1 }
                return i
            }
            let pool = WorkerPool(kind, workers: 2)
            let futures = (0..<40).map { pool.submit(counted, $0) }
            released.store(true, ordering: .releasing)
            pool.shutdown()
            XCTAssertEqual(runs.withLock { $0 }, Array(repeating: 1, count: 40), "\(kind)")
            XCTAssertEqual(futures.map { try? $0.value() }, Array(0..<40), "\(kind)")
            XCTAssertEqual(pool.submit(counted, 0).result().failureValue, .closed("the pool"), "\(kind)")
        }
    }

    func testOnlyAnIsolatePoolChecksShareability() {
        let describe = WorkFunction("describe") { (v: any Sendable) in "\(type(of: v))" }
        for kind in Self.kinds {
            let pool = WorkerPool(kind, workers: 1)
            let result = pool.submit(describe, IsolateQueue<Int>("q") as any Sendable).result()
            XCTAssertEqual(try? result.get(), "IsolateQueue<Int>", "\(kind): a queue is shareable")
            let closure: @Sendable () -> Void = {}
            let refused = pool.submit(describe, closure as any Sendable).result()
            if kind == .isolates {
                XCTAssertEqual(refused.failureValue, .notShareable(type: "@Sendable () -> ()"))
            } else {
                XCTAssertEqual(try? refused.get(), "@Sendable () -> ()", "a thread pool shares anything Sendable")
            }
            pool.shutdown()
        }
    }

    func testTheInitializerRunsInEachIsolatesOwnState() {
        let name = WorkFunction("name") { (_: Int) in workerName.value }
        let pool = WorkerPool(.isolates, workers: 2) { workerName.value = "initialised" }
        XCTAssertEqual(try pool.map(name, [1, 2, 3, 4]), Array(repeating: "initialised", count: 4))
        pool.shutdown()
        XCTAssertEqual(workerName.value, "unset", "the main isolate's copy is untouched")
    }

    /// An initializer that throws fails every job with its error, as it does in a pool of processes.
    func testAnInitializerThatThrowsFailsEveryJob() {
        struct NoKey: Error {}
        let setup = EntryPoint("pool tests: failing setup") { (_: Int) in throw NoKey() }
        for kind in Self.kinds {
            let pool = WorkerPool(kind, workers: 2, initializer: setup, initialInput: 0)
            let results = (1...3).map { pool.submit(Self.square, $0).result() }
            pool.shutdown()
            for result in results {
                guard case .failure(.executionFailed(_, let type, _)) = result else {
                    return XCTFail("\(kind): \(result)")
                }
                XCTAssertEqual(type, "NoKey", "\(kind)")
            }
        }
    }
}
