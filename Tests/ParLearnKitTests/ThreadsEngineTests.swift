import XCTest
import Synchronization
@testable import ParLearnKit

/// The thread engine run in-process through `ThreadExplorer`, on the canary corpus and on
/// programs made for one detector each.
final class ThreadsEngineTests: XCTestCase {
    private func explore(_ body: @escaping @Sendable () -> Void, strategy: RunRequest.Strategy = .portfolio,
                         schedules: Int = 1000, seed: UInt64 = 0, bound: Int = 2, streams: Int? = nil,
                         sourceLines: Bool = false, watchdog: Double = 1.5) -> ThreadExplorer.Outcome {
        exploreThreads(body, strategy: strategy, schedules: schedules, seed: seed, bound: bound, streams: streams,
                       sourceLines: sourceLines, watchdog: watchdog)
    }

    private func replay(_ schedule: String, _ body: @escaping @Sendable () -> Void) -> ScenarioReport {
        replayThreads(schedule, body)
    }

    // MARK: The canary corpus

    /// Budget stated for the corpus: every bug within 300 portfolio schedules, for seeds 0..<20.
    func testEveryCanaryBugIsFoundForEverySeed() {
        for canary in Canary.allCases {
            var worst = 0
            for seed in UInt64(0)..<20 {
                let outcome = explore(canary.body(fixed: false), schedules: 300, seed: seed)
                let report = outcome.report
                XCTAssertEqual(report.verdict, .bug, "\(canary) seed \(seed): \(report.message)")
                XCTAssertEqual(report.kind, canary.expectedKind, "\(canary) seed \(seed): \(report.message)")
                XCTAssertNotNil(report.schedule)
                XCTAssertLessThanOrEqual(report.preemptions ?? .max, outcome.foundPreemptions ?? -1,
                                         "\(canary) seed \(seed): minimisation must never add preemptions")
                worst = max(worst, report.schedulesRun)
            }
            print("canary \(canary): found within \(worst) schedules for seeds 0..<20")
        }
    }

    /// PCT alone (depth 3, its default) finds chapter 01's lost wakeup (two consumers, one
    /// producer of two jobs): a change point that falls on the step after a thread blocked in
    /// `wait` demotes that thread instead of being lost. Budget: 500 schedules, seeds 0..<5.
    func testPCTAloneFindsTheLostWakeupOfTwoConsumers() {
        let body: @Sendable () -> Void = {
            let lock = Lock("queue")
            let changed = Condition("changed")
            let jobs = Shared([Int](), "jobs")
            let consumers = (1...2).map { i in
                spawn("C\(i)") { () -> Int? in
                    lock.withLock {
                        if jobs.value.isEmpty { changed.wait(lock) }
                        return jobs.value.isEmpty ? nil : jobs.value.removeFirst()
                    }
                }
            }
            let producer = spawn("P") {
                for job in 1...2 { lock.withLock { jobs.value.append(job); changed.signal() } }
            }
            producer.join()
            let got = consumers.map { $0.join() }
            check(!got.contains(nil), "the consumers got \(got)")
        }
        for seed in UInt64(0)..<5 {
            let report = explore(body, strategy: .pct, schedules: 500, seed: seed).report
            XCTAssertEqual(report.verdict, .bug, "seed \(seed): \(report.message)")
        }
    }

    func testEveryFixedTwinStaysCleanOver5000Schedules() {
        for canary in Canary.allCases {
            let report = explore(canary.body(fixed: true), schedules: 5000, seed: 1).report
            XCTAssertEqual(report.verdict, .clean, "\(canary) fixed: \(report.message) \(report.details)")
            XCTAssertEqual(report.schedulesRun, 5000, "\(canary) fixed")
        }
    }

    func testReplayReproducesTheIdenticalTrace() throws {
        for canary in Canary.allCases {
            let found = explore(canary.body(fixed: false), schedules: 300, seed: 4).report
            let schedule = try XCTUnwrap(found.schedule)
            let replayed = replay(schedule, canary.body(fixed: false))
            XCTAssertNil(replayed.scheduleMismatch, "\(canary)")
            XCTAssertEqual(replayed.trace, found.trace, "\(canary)")
            XCTAssertEqual(replayed.kind, found.kind, "\(canary)")
            XCTAssertEqual(replayed.message, found.message, "\(canary)")
            XCTAssertFalse(found.trace.isEmpty)
        }
    }

    /// The lost update needs one preemption (T2 reads between T1's read and write); the
    /// minimiser must bring every found schedule down to exactly that.
    func testMinimisationFindsTheFewestPreemptions() {
        for seed in UInt64(0)..<10 {
            let outcome = explore(Canary.lostUpdateBug, strategy: .random, schedules: 300, seed: seed)
            XCTAssertEqual(outcome.report.preemptions, 1, "seed \(seed)")
            XCTAssertGreaterThanOrEqual(outcome.foundPreemptions ?? 0, 1)
        }
    }

    // MARK: Determinism and parallel streams

    func testVerdictIsTheSameOnOneAndTwoStreams() {
        for canary in [Canary.lostUpdate, Canary.checkThenAct, Canary.lostWakeup] {
            for seed in UInt64(0)..<5 {
                var one = explore(canary.body(fixed: false), schedules: 300, seed: seed, streams: 1).report
                var two = explore(canary.body(fixed: false), schedules: 300, seed: seed, streams: 2).report
                one.elapsed = nil
                two.elapsed = nil
                XCTAssertEqual(one, two, "\(canary) seed \(seed)")
            }
        }
    }

    // MARK: DFS

    /// main spawns T1 and T2, each does `x.value += 1` (read r, write w), main joins T1 (j1)
    /// then T2 (j2). By hand: the 6 orders of r1 w1 / r2 w2, with j1 after w1 and j2 last:
    ///   r1 w1 r2 w2 → j1 in 3 places; r1 r2 w1 w2 → 2; r1 r2 w2 w1 → 1;
    ///   r2 r1 w1 w2 → 2; r2 r1 w2 w1 → 1; r2 w2 r1 w1 → 1.  Total 10.
    /// Preemptions (switching away from a thread whose next step is enabled):
    ///   0: r1 w1 j1 r2 w2 j2, r1 w1 r2 w2 j1 j2, r2 w2 r1 w1 j1 j2            → 3
    ///   1: r1 w1 r2 j1 w2 j2, r1 r2 w2 w1 j1 j2, r2 r1 w1 j1 w2 j2, r2 r1 w1 w2 j1 j2 → 4
    ///   2: r1 r2 w1 j1 w2 j2, r1 r2 w1 w2 j1 j2, r2 r1 w2 w1 j1 j2            → 3
    func testDFSCountsTheInterleavingsWorkedOutByHand() {
        let body: @Sendable () -> Void = {
            let x = Shared(0, "x")
            let t1 = spawn("T1") { x.value += 1 }
            let t2 = spawn("T2") { x.value += 1 }
            t1.join()
            t2.join()
        }
        for (bound, expected) in [(0, 3), (1, 7), (2, 10), (4, 10)] {
            let report = explore(body, strategy: .dfs, schedules: 1000, bound: bound).report
            XCTAssertEqual(report.schedulesRun, expected, "bound \(bound)")
            XCTAssertEqual(report.coverage, "all \(expected) interleavings with ≤ \(bound) preemptions explored")
            XCTAssertEqual(report.kind, .dataRace, "the two increments race even though no check fails")
        }
    }

    // MARK: Detectors

    func testDeadlockReportNamesEachBlockedThreadAndTheCycle() {
        let report = explore({ Canary.transferDeadlock(fixed: false) }).report
        XCTAssertEqual(report.kind, .deadlock)
        XCTAssertTrue(report.details.contains("T1 waits for lock b, held by T2"), "\(report.details)")
        XCTAssertTrue(report.details.contains("T2 waits for lock a, held by T1"), "\(report.details)")
        XCTAssertTrue(report.details.contains { $0.hasPrefix("wait-for cycle: ") && $0.contains("T1 → lock b") }, "\(report.details)")
        XCTAssertTrue(report.details.contains("main waits for join T1"), "\(report.details)")
    }

    /// Without preemptions the threads never overlap, so no deadlock happens, but the
    /// opposite lock order is still reported.
    func testLockOrderInversionIsReportedWithoutADeadlock() {
        let report = explore({ Canary.transferDeadlock(fixed: false) }, strategy: .dfs, bound: 0).report
        XCTAssertEqual(report.kind, .potentialDeadlock, report.message)
        XCTAssertTrue(report.message.contains("a → b") || report.message.contains("b → a"), report.message)
        let fixed = explore({ Canary.transferDeadlock(fixed: true) }, strategy: .dfs, bound: 0).report
        XCTAssertEqual(fixed.verdict, .clean)
    }

    func testDataRaceIsReportedWithBothSourceLinesEvenWhenTheCheckHolds() {
        let line = #line + 4
        let body: @Sendable () -> Void = {
            let ready = Shared(false, "ready")
            let t = spawn("T1") {
                ready.value = true
            }
            _ = ready.value
            t.join()
        }
        let report = explore(body, sourceLines: true).report
        XCTAssertEqual(report.kind, .dataRace)
        let file = "ThreadsEngineTests.swift"
        XCTAssertTrue(report.message.contains("write by T1 at \(file):\(line)"), report.message)
        XCTAssertTrue(report.message.contains("read by main at \(file):\(line + 2)"), report.message)
    }

    func testTraceStepsCarryTheLearnersSourceLines() throws {
        let report = explore(Canary.lostUpdateBug, sourceLines: true).report
        let reads = report.trace.filter { $0.operation == "read counter" && $0.thread != 0 }
        let writes = report.trace.filter { $0.operation == "write counter" }
        XCTAssertEqual(reads.count, 2)
        XCTAssertEqual(writes.count, 2)
        for step in reads + writes {
            XCTAssertEqual(step.file, "ThreadsCanaries.swift")
            XCTAssertEqual(step.line, Canary.lostUpdateLine, "\(step)")
        }
        XCTAssertTrue(report.trace.contains { $0.contextSwitch })
        XCTAssertEqual(report.trace.last?.operation, "check failed")
    }

    func testSpinningOnASharedValueIsALivelockWithAHint() {
        let body: @Sendable () -> Void = {
            let flag = Shared(false, "flag")
            let waiter = spawn("waiter") { while !flag.value {} }
            waiter.join()
        }
        let report = explore(body, schedules: 10).report
        XCTAssertEqual(report.kind, .livelock)
        XCTAssertTrue(report.message.hasPrefix("waiter made 20000 steps"), report.message)
        XCTAssertTrue(report.details.contains { $0.contains("blocking") || $0.contains("block with") }, "\(report.details)")
    }

    /// A real lock the checker cannot see: the watchdog explains it instead of hanging.
    func testBlockingOnARealLockIsReportedAsUncontrolled() {
        let realLock = PosixMutex()
        realLock.lock()  // never unlocked: the stuck controlled threads stay parked in it
        let started = Date()
        let outcome = explore({ realLock.lock() }, watchdog: 0.5)
        XCTAssertTrue(outcome.processMustExit)
        XCTAssertEqual(outcome.report.kind, .uncontrolled)
        XCTAssertTrue(outcome.report.message.contains("blocked in something the checker cannot see"), outcome.report.message)
        XCTAssertLessThan(Date().timeIntervalSince(started), 10)
    }

    func testSpinningWithoutSchedulingPointsIsReportedAsALivelock() {
        let release = Synchronization.Atomic<Bool>(false)
        let outcome = withExtendedLifetime(release) {
            explore({ while !release.load(ordering: .relaxed) {} }, watchdog: 0.5)
        }
        release.store(true, ordering: .relaxed)
        XCTAssertEqual(outcome.report.kind, .livelock)
        XCTAssertTrue(outcome.report.message.contains("spinning"), outcome.report.message)
    }

    func testReplayOfAScheduleThatDoesNotFitSaysWhere() {
        // main spawns T1 and T2 and waits to join T1: the first choice is between 1 and 2.
        let report = replay("T1-d", Canary.lostUpdateBug)
        XCTAssertEqual(report.scheduleMismatch, "this schedule does not match the program: at step 1 thread 3 is not runnable (runnable: [1, 2])")
    }

    // MARK: Memory

    /// OS threads are pooled: 3,000 schedules of a 3-thread program start no more worker
    /// threads than one execution needs per stream (3 threads × 2 streams).
    func testThreadsAreReusedAcrossSchedules() {
        let before = Worker.started.load(ordering: .relaxed)
        let report = explore(Canary.lostUpdateFixed, schedules: 3000, streams: 2).report
        XCTAssertEqual(report.schedulesRun, 3000)
        XCTAssertLessThanOrEqual(Worker.started.load(ordering: .relaxed) - before, 6)
    }
}

/// The crash record, written the way the signal handler writes it (the handler itself can only
/// be seen from a separate process: see docs/report-format.md).
final class ThreadsCrashRecordTests: XCTestCase {
    func testTheRecordNamesTheScenarioThreadAndScheduleSoFar() throws {
        let path = NSTemporaryDirectory() + "parlearn-crash-\(getpid()).json"
        CrashRecords.prepare(scenario: "lost\tupdate", reportPath: path)
        defer { CrashRecords.disarmed = true }  // no exit record for this test process
        let slot = CrashRecords.acquireSlot()
        defer { CrashRecords.releaseSlot(slot) }
        CrashRecords.setName("main", column: 0, in: slot)
        CrashRecords.setName("T1", column: 1, in: slot)
        for (i, id) in [1, 2, 2, 1].enumerated() { slot.pointee.choices[i] = UInt8(id) }
        slot.pointee.count = 4
        slot.pointee.running = 1
        slot.pointee.tid = OSThread.currentTid
        slot.pointee.active = 1
        CrashRecords.writeRecord(kind: "crash", signal: 4)
        slot.pointee.active = 0
        let record = try String(contentsOfFile: path + ".crash", encoding: .utf8)
        XCTAssertEqual(record, "crash\t4\tlost update\tT1\tT1-bc2b\n")
        XCTAssertEqual(try ScheduleString.decode("T1-bc2b"), [1, 2, 2, 1])
        try? FileManager.default.removeItem(atPath: path + ".crash")
    }

    func testATimeBudgetStopsExplorationEarly() {
        let request = RunRequest(mode: .explore, strategy: .random, schedules: 10_000_000, timeBudget: 0.5)
        let started = Date()
        let report = ThreadExplorer.explore(request: request, settings: .init(sourceLines: false), body: Canary.lostUpdateFixed)
        XCTAssertEqual(report.verdict, .clean)
        XCTAssertLessThan(report.schedulesRun, 10_000_000)
        XCTAssertLessThan(Date().timeIntervalSince(started), 5)
    }
}
