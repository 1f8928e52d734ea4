import Foundation
import Synchronization
import XCTest
@testable import ParLearnKit

private actor Counter {
    var value = 0
    func increment() { value += 1 }
}

/// Two tasks, each incrementing an actor twice with a yield between: ~20 jobs, no bug.
@Sendable private func smallClean() async {
    let counter = Counter()
    let tasks = ["a", "b"].map { name in
        spawnTask(name) {
            for _ in 0..<2 {
                await counter.increment()
                await Task.yield()
            }
        }
    }
    for task in tasks { await task.value }
    let value = await counter.value
    check(value == 4, "value \(value)")
}

/// A check-then-act race on an actor's state split by a yield.
@Sendable private func yieldRace() async {
    let counter = Counter()
    let flag = Flag()
    let tasks = ["a", "b"].map { name in
        spawnTask(name) {
            if await !flag.isSet {
                await Task.yield()
                await flag.set()
                await counter.increment()
            }
        }
    }
    for task in tasks { await task.value }
    let value = await counter.value
    check(value == 1, "initialised \(value) times")
}

private actor Flag {
    var isSet = false
    func set() { isSet = true }
}

final class AsyncEngineTests: XCTestCase {
    // MARK: Determinism and strategies

    func testSameSeedSameReport() {
        for strategy in RunRequest.Strategy.allCases {
            let first = exploreAsync(schedules: 200, seed: 5, strategy: strategy, yieldRace)
            let second = exploreAsync(schedules: 200, seed: 5, strategy: strategy, yieldRace)
            XCTAssertEqual(comparable(first), comparable(second), strategy.rawValue)
            XCTAssertEqual(first.verdict, .bug, strategy.rawValue)
            XCTAssertEqual(first.engine, .async)
        }
    }

    func testPortfolioNamesTheMemberThatFoundIt() {
        let report = exploreAsync(seed: 1, yieldRace)
        XCTAssertTrue(report.strategy.hasPrefix("portfolio/"), report.strategy)
    }

    func testDFSCoversTheBoundedSpaceOfACleanScenario() {
        let report = exploreAsync(schedules: 100_000, strategy: .dfs, smallClean)
        XCTAssertEqual(report.verdict, .clean, report.message)
        XCTAssertLessThan(report.schedulesRun, 100_000)
        XCTAssertGreaterThan(report.schedulesRun, 1)
        XCTAssertEqual(report.coverage?.hasPrefix("all \(report.schedulesRun) interleavings"), true, report.coverage ?? "")
    }

    func testPCTFindsTheReentrancyRace() {
        let report = exploreAsync(schedules: 200, strategy: .pct, yieldRace)
        XCTAssertEqual(report.kind, .invariant, report.message)
        XCTAssertEqual(report.strategy, "pct(d=3)")
    }

    func testColumnsAreTasksAndRowsCarryKitOperations() throws {
        let report = exploreAsync(seed: 2, yieldRace)
        XCTAssertEqual(report.threads, ["main", "a", "b"])
        XCTAssertTrue(report.trace.contains { $0.operation == "spawnTask(\"a\")" && $0.line != nil && $0.file != nil })
        let failed = try XCTUnwrap(report.trace.last)
        XCTAssertTrue(failed.operation.hasPrefix("check failed"), failed.operation)
        XCTAssertEqual(failed.thread, 0)
        XCTAssertTrue(report.trace.contains { $0.contextSwitch && $0.thread != 0 })
    }

    func testActorJobsAreNamedOnThisRuntime() {
        XCTAssertTrue(RuntimeJob.actorFieldConfirmed, "the layout probe did not see its actor")
        let report = exploreAsync(seed: 2, yieldRace)
        let actors = Set(report.trace.compactMap(\.actor))
        XCTAssertTrue(actors.isSubset(of: ["Flag", "Counter"]), "\(actors)")
        XCTAssertTrue(actors.contains("Flag"), "\(actors)")
        XCTAssertTrue(report.trace.contains { $0.operation == "runs on actor Flag" && $0.actor == "Flag" })
    }

    func testMinimisedRaceNeedsOnePreemption() {
        let report = exploreAsync(seed: 3, strategy: .random, yieldRace)
        XCTAssertEqual(report.preemptions, 1, report.schedule ?? "")
    }

    // MARK: Plain mode

    func testPlainModeRunsTheBodyOnceWithRealTasksAndWaits() throws {
        try XCTSkipUnless(ProgramRun.request.mode == .plain, "PARLEARN_MODE is set in the test environment")
        let runs = Order()
        let start = Date()
        scenario("plain") {
            let worker = spawnTask("worker") { () -> Int in
                await sleep(for: .milliseconds(50))
                return 7
            }
            let value = await worker.value
            await runs.append("ran \(value)")
        }
        // `scenario` returned, so the body finished: real time passed, and it ran once.
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(start), 0.05)
        let seen = try awaitValue { await runs.items }
        XCTAssertEqual(seen, ["ran 7"])
    }

    /// Reads an actor from synchronous test code by running a plain task and waiting for it.
    private func awaitValue<T: Sendable>(_ read: @escaping @Sendable () async -> T) throws -> T {
        let box = Synchronization.Mutex<T?>(nil)
        let done = expectation(description: "read")
        Task {
            let value = await read()
            box.withLock { $0 = value }
            done.fulfill()
        }
        wait(for: [done], timeout: 5)
        return try XCTUnwrap(box.withLock { $0 })
    }

    // MARK: Replay

    func testReplayOfAWrongScheduleSaysWhy() {
        let report = replayAsync("A1-a", smallClean)
        XCTAssertNotNil(report.scheduleMismatch)
        XCTAssertEqual(report.message, report.scheduleMismatch)
        let wrongEngine = replayAsync("T1-ab", smallClean)
        XCTAssertEqual(wrongEngine.schedulesRun, 0)
        XCTAssertTrue(wrongEngine.scheduleMismatch?.contains("A1-") == true, wrongEngine.message)
    }

    // MARK: Hangs

    func testHangNamesTheTasksAndWhatTheyAwait() {
        let report = exploreAsync {
            let (stream, _) = AsyncStream.makeStream(of: Int.self)
            let consumer = spawnTask("consumer") { for await _ in stream {} }
            await consumer.value
        }
        XCTAssertEqual(report.kind, .deadlock)
        XCTAssertTrue(report.message.contains("main, consumer"), report.message)
        XCTAssertTrue(report.details.contains("main waits for the value of consumer"), "\(report.details)")
        XCTAssertTrue(report.details.contains { $0.hasPrefix("consumer is suspended") && $0.contains("continuation") }, "\(report.details)")
    }

    func testLeakedContinuationAfterTheBodyReturnsIsAHang() {
        let report = exploreAsync {
            _ = spawnTask("waiter") {
                await withCheckedContinuation { (_: CheckedContinuation<Void, Never>) in }
            }
        }
        XCTAssertEqual(report.kind, .deadlock)
        XCTAssertTrue(report.message.contains("body returned but waiter never finished"), report.message)
    }

    // MARK: Virtual time

    func testVirtualClockJumpsAndOrdersSleepers() {
        let report = exploreAsync(schedules: 300) {
            let clock = VirtualClock()
            let start = clock.now
            let order = Order()
            let slow = spawnTask("slow") { await sleep(for: .seconds(60)); await order.append("slow") }
            let fast = spawnTask("fast") { await sleep(for: .seconds(30)); await order.append("fast") }
            await slow.value
            await fast.value
            let elapsed = start.duration(to: clock.now)
            check(elapsed == .seconds(60), "elapsed \(elapsed)")
            let seen = await order.items
            check(seen == ["fast", "slow"], "order \(seen)")
        }
        XCTAssertEqual(report.verdict, .clean, report.message)
        XCTAssertEqual(report.schedulesRun, 300)
        XCTAssertLessThan(report.elapsed ?? 99, 30)
    }

    func testClockSleepThrowsWhenCancelled() {
        let report = exploreAsync(schedules: 50) {
            let sleeper = spawnTask("sleeper") { () -> Bool in
                do {
                    try await VirtualClock().sleep(until: VirtualClock().now.advanced(by: .seconds(100)), tolerance: nil)
                    return false
                } catch {
                    return error is CancellationError
                }
            }
            await sleep(for: .seconds(1))
            sleeper.cancel()
            let threw = await sleeper.value
            check(threw, "a cancelled VirtualClock sleep must throw CancellationError")
        }
        XCTAssertEqual(report.verdict, .clean, report.message)
    }

    // MARK: Guard rails at run time

    func testUnstructuredTaskIsUncontrolled() {
        let report = exploreAsync {
            let counter = Counter()
            await Task { await counter.increment() }.value
        }
        XCTAssertEqual(report.kind, .uncontrolled, report.message)
        XCTAssertTrue(report.message.contains("another thread"), report.message)
    }

    func testRealTaskSleepIsUncontrolled() {
        let report = exploreAsync { try? await Task.sleep(for: .milliseconds(5)) }
        XCTAssertEqual(report.kind, .uncontrolled, report.message)
    }

    func testDispatchResumeIsUncontrolled() {
        let report = exploreAsync {
            await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
                DispatchQueue.global().async { c.resume() }
            }
        }
        XCTAssertEqual(report.kind, .uncontrolled, report.message)
    }

    func testMainActorHopIsUncontrolledAndNamed() throws {
        try XCTSkipUnless(Thread.isMainThread, "the main run loop only turns on the main thread")
        let report = exploreAsync { await MainActor.run { _ = 1 } }
        XCTAssertEqual(report.kind, .uncontrolled, report.message)
        XCTAssertTrue(report.message.contains("@MainActor"), report.message)
    }

    // MARK: Budgets

    func testEndlessYieldingIsALivelockWithinTheStepBound() {
        var settings = AsyncExplorer.Settings(selfTest: false)
        settings.limits.maxSteps = 2_000
        let report = exploreAsync(settings: settings) {
            let spinner = spawnTask("spinner") { while true { await Task.yield() } }
            await spinner.value
        }
        XCTAssertEqual(report.kind, .livelock)
        XCTAssertTrue(report.message.contains("2000 jobs"), report.message)
    }

    /// One job makes 100,000 tasks: the first execution stops at the task limit and nothing
    /// more is explored. How promptly is measured in CPU time (the process's, every thread
    /// counted), which a loaded machine does not stretch; 500 schedules would take minutes.
    func testAHundredThousandTasksStopAtTheTaskLimit() {
        let cpuBefore = CPUDeadline.now
        let report = exploreAsync(schedules: 500) {
            await withTaskGroup(of: Void.self) { group in
                for _ in 0..<100_000 { group.addTask {} }
            }
        }
        XCTAssertEqual(report.kind, .livelock)
        XCTAssertTrue(report.message.contains("more than \(ScheduleString.maxId + 1) tasks"), report.message)
        XCTAssertEqual(report.schedulesRun, 1)
        XCTAssertLessThan(CPUDeadline.now - cpuBefore, 10, "CPU seconds")
    }

    func testAJobThatNeverReturnsIsReportedAsStuck() {
        let spinning = Spin()
        var settings = AsyncExplorer.Settings(selfTest: false)
        settings.limits.jobTimeoutSeconds = 0.3
        let outcome = AsyncExplorer.run(request: RunRequest(mode: .explore, schedules: 5), scenario: "stuck", settings: settings) {
            let busy = spawnTask("busy") { spinning.wait() }
            await busy.value
        }
        spinning.release()  // let the abandoned driver finish
        XCTAssertTrue(outcome.processMustExit)
        XCTAssertEqual(outcome.report.kind, .livelock)
        XCTAssertTrue(outcome.report.message.hasPrefix("busy used more than 0.3 s of CPU time"), outcome.report.message)
        XCTAssertEqual(outcome.report.threads, ["main", "busy"])
        XCTAssertNotNil(outcome.report.schedule)
    }

    func testTimeBudgetEndsTheExplorationHonestly() {
        let request = RunRequest(mode: .explore, schedules: 10_000_000, seed: 0, timeBudget: 0.3)
        let report = AsyncExplorer.explore(request: request, settings: .init(selfTest: false), body: smallClean)
        XCTAssertEqual(report.verdict, .clean)
        XCTAssertLessThan(report.schedulesRun, 10_000_000)
        XCTAssertTrue(report.details.contains { $0.contains("time budget") }, "\(report.details)")
    }
}

private actor Order {
    var items: [String] = []
    func append(_ item: String) { items.append(item) }
}

/// Busy-waits until released: a job that never reaches an await.
private final class Spin: Sendable {
    private let released = Synchronization.Mutex(false)
    func wait() { while !released.withLock({ $0 }) {} }
    func release() { released.withLock { $0 = true } }
}

final class VirtualClockInstantTests: XCTestCase {
    func testInstantsSubtractLikeContinuousClock() {
        let start = VirtualClock.Instant(offset: .seconds(2))
        let later = start.advanced(by: .milliseconds(1500))
        XCTAssertEqual(later - start, .milliseconds(1500))
        XCTAssertEqual(later - start, start.duration(to: later))
    }
}
