import XCTest
@testable import ParLearnKit

/// Issue 13: the checker says what CHESS would say (preemptions, fairness, gate locks) and
/// shows the bug it found.
final class ThreadsTruthTests: XCTestCase {
    // MARK: Preemption counting

    /// main spawns T1 { a = 1; b = 1 }, then loads a and b, then joins T1. The two stores (sa, sb)
    /// interleave with the two loads (la, lb) in 6 ways; a switch away from a thread that could
    /// go on is a preemption, including the first switch from main. Worked out by hand:
    ///   la lb sa sb → 0 (main blocks in join, T1 runs freely)
    ///   la sa sb lb → 1    sa sb la lb → 1
    ///   la sa lb sb → 2    sa la lb sb → 2
    ///   sa la sb lb → 3
    /// Only "sa la lb sb" lets main see a = 1 and b = 0: that bug needs exactly 2 preemptions.
    private static func storesAndLoads(checked: Bool) -> @Sendable () -> Void {
        {
            let a = Atomic(0, "a"), b = Atomic(0, "b")
            let t = spawn("T1") {
                a.store(1, ordering: .relaxed)
                b.store(1, ordering: .relaxed)
            }
            let seenA = a.load(ordering: .relaxed), seenB = b.load(ordering: .relaxed)
            if checked { check(!(seenA == 1 && seenB == 0), "main saw a = 1 but b = 0") }
            t.join()
        }
    }

    func testDFSCountsPreemptionsAsCHESSDoes() {
        for (bound, expected) in [(0, 1), (1, 3), (2, 5), (3, 6)] {
            let report = exploreThreads(Self.storesAndLoads(checked: false), strategy: .dfs, bound: bound).report
            XCTAssertEqual(report.verdict, .clean, "bound \(bound)")
            XCTAssertEqual(report.schedulesRun, expected, "bound \(bound)")
        }
    }

    func testABugThatNeedsTwoPreemptionsShowsTwoAndBoundOneMissesIt() {
        let body = Self.storesAndLoads(checked: true)
        let one = exploreThreads(body, strategy: .dfs, bound: 1).report
        XCTAssertEqual(one.verdict, .clean, one.message)
        let two = exploreThreads(body, strategy: .dfs, bound: 2).report
        XCTAssertEqual(two.kind, .invariant, two.message)
        XCTAssertEqual(two.preemptions, 2)
        // Replays of hand-picked schedules (ids: main 0, T1 1) count the same way.
        for (schedule, preemptions) in [("T1-a2b2a", 0), ("T1-b2a3", 1), ("T1-baba2", 3)] {
            let report = replayThreads(schedule, Self.storesAndLoads(checked: false))
            XCTAssertNil(report.scheduleMismatch, schedule)
            XCTAssertEqual(report.preemptions, preemptions, schedule)
        }
    }
}

/// Fair scheduling (CHESS): spinning and yielding threads give way, so correct busy-waiting
/// code is clean and livelocks are real ones.
final class ThreadsFairnessTests: XCTestCase {
    /// Budget: 5,000 schedules per strategy, seed 1, DFS with preemption bound 2.
    func testSpinLocksAreCleanUnderEveryStrategy() {
        for program in SpinProgram.allCases {
            for strategy in [RunRequest.Strategy.dfs, .random, .pct, .portfolio] {
                let report = exploreThreads(program.body(fixed: true), strategy: strategy, schedules: 5000, seed: 1).report
                XCTAssertEqual(report.verdict, .clean, "\(program) \(strategy): \(report.message) \(report.details)")
                if strategy != .dfs { XCTAssertEqual(report.schedulesRun, 5000, "\(program) \(strategy)") }
            }
        }
    }

    /// DFS at bound 0 used to report these as livelocks: the spinning thread ran alone.
    func testSpinLocksAreCleanForDFSAtBoundZero() {
        for program in SpinProgram.allCases {
            let report = exploreThreads(program.body(fixed: true), strategy: .dfs, bound: 0).report
            XCTAssertEqual(report.verdict, .clean, "\(program): \(report.message)")
            XCTAssertTrue(report.coverage?.hasPrefix("all ") == true, "\(program): \(report.coverage ?? "")")
        }
    }

    func testBrokenSpinLocksAreFound() {
        for program in SpinProgram.allCases {
            let report = exploreThreads(program.body(fixed: false), schedules: 2000, seed: 1).report
            XCTAssertEqual(report.verdict, .bug, "\(program)")
            let expected: [BugKind] = program == .filterLock ? [.livelock] : [.invariant, .dataRace]
            XCTAssertTrue(expected.contains(report.kind ?? .uncontrolled), "\(program): \(report.kind.map { "\($0)" } ?? "") \(report.message)")
        }
    }

    /// The polite livelock needs strict alternation, which only yields that give way produce:
    /// DFS finds it at bound 0, PCT and the portfolio find it too, with the cycle shown.
    func testStrictAlternationLivelockIsFound() {
        for (strategy, bound) in [(RunRequest.Strategy.dfs, 0), (.pct, 2), (.portfolio, 2)] {
            let report = exploreThreads(SpinProgram.politeLivelock, strategy: strategy, schedules: 200, bound: bound).report
            XCTAssertEqual(report.kind, .livelock, "\(strategy): \(report.message)")
            XCTAssertTrue(report.message.hasPrefix("T0 and T1 made 20000 steps"), "\(strategy): \(report.message)")
            XCTAssertTrue(report.details.contains { $0.hasPrefix("the threads take turns forever: T0, T1") },
                          "\(strategy): \(report.details)")
            XCTAssertEqual(report.preemptions, 0, "\(strategy): giving way is not a preemption")
        }
    }

    /// Both flags up and no `turn`: both spin and give way to each other forever. It takes one
    /// preemption (after T0 raises its flag), so DFS bound 0 cannot find it and bound 1 can.
    func testTwoSpinnersWaitingForEachOtherAreALivelockWithOnePreemption() {
        let zero = exploreThreads(SpinProgram.flagsOnlyLock, strategy: .dfs, bound: 0).report
        XCTAssertEqual(zero.verdict, .clean, zero.message)
        let one = exploreThreads(SpinProgram.flagsOnlyLock, strategy: .dfs, bound: 1).report
        XCTAssertEqual(one.kind, .livelock, one.message)
        XCTAssertEqual(one.preemptions, 1)
    }

    /// yieldNow gives way: T1 spins with yieldNow until main sets the flag. Without fairness
    /// DFS at bound 0 would run T1 alone forever.
    func testYieldNowGivesWay() {
        let body: @Sendable () -> Void = {
            let flag = Atomic(false, "flag")
            let t = spawn("T1") { while !flag.load(ordering: .acquiring) { yieldNow() } }
            flag.store(true, ordering: .releasing)
            t.join()
        }
        let report = exploreThreads(body, strategy: .dfs, bound: 0).report
        XCTAssertEqual(report.verdict, .clean, report.message)
        // T1 first (a preemption): load, yield; then it gives way to main for free, main
        // stores and blocks in join, T1 loads true and ends, main joins.
        let replayed = replayThreads("T1-b2aba", body)
        XCTAssertNil(replayed.scheduleMismatch)
        XCTAssertEqual(replayed.preemptions, 1, "only the first switch away from main counts")
    }
}

/// The minimiser keeps the bug it was given: a schedule with fewer preemptions that shows
/// another bug of the same kind does not replace it.
final class ThreadsMinimiserTests: XCTestCase {
    /// Two threads each flip their own atomic and then check the other's: either check can
    /// fail, each in its own thread.
    static let twoChecks: @Sendable () -> Void = {
        let x = Atomic(0, "x"), y = Atomic(0, "y")
        let t1 = spawn("T1") {
            x.store(1, ordering: .relaxed)
            x.store(0, ordering: .relaxed)
            check(y.load(ordering: .relaxed) == 0, "T1 saw y = 1")
        }
        let t2 = spawn("T2") {
            y.store(1, ordering: .relaxed)
            y.store(0, ordering: .relaxed)
            check(x.load(ordering: .relaxed) == 0, "T2 saw x = 1")
        }
        t1.join()
        t2.join()
    }

    /// Two independent pairs of threads take two locks each in opposite orders.
    static let twoDeadlocks: @Sendable () -> Void = {
        let locks = (0..<4).map { Lock("l\($0)") }
        let threads = (0..<4).map { i in
            spawn("T\(i + 1)") {
                let pair = i / 2 * 2
                let (first, second) = i % 2 == 0 ? (locks[pair], locks[pair + 1]) : (locks[pair + 1], locks[pair])
                first.lock(); second.lock(); second.unlock(); first.unlock()
            }
        }
        for t in threads { t.join() }
    }

    /// Budget: 300 schedules for seeds 0..<15 per program.
    func testTheShownScheduleHasTheBugThatWasFound() {
        let programs: [(String, RunRequest.Strategy, Range<UInt64>, @Sendable () -> Void)] = [
            ("two checks", .random, 0..<15, Self.twoChecks), ("two deadlocks", .random, 0..<15, Self.twoDeadlocks),
            // A livelocked schedule is 20,000 steps long: fewer seeds.
            ("flags-only lock", .random, 0..<4, SpinProgram.flagsOnlyLock),
            ("polite livelock", .portfolio, 0..<4, SpinProgram.politeLivelock),
        ]
        for (name, strategy, seeds, body) in programs {
            for seed in seeds {
                let outcome = exploreThreads(body, strategy: strategy, schedules: 300, seed: seed)
                let report = outcome.report
                guard let found = outcome.found else {
                    XCTFail("\(name) seed \(seed): nothing found: \(report.message)")
                    continue
                }
                let expected = Describe(names: report.threads, trace: []).finding(found)
                XCTAssertEqual(report.message, expected.message, "\(name) seed \(seed)")
                // A random walk's livelock has no short period; the minimal one may show one.
                if case .livelock(_, _, let cycle) = found, cycle.isEmpty {
                    XCTAssertEqual(report.details.last, expected.details.last, "\(name) seed \(seed)")
                } else {
                    // Latent findings of the shown schedule (a lock-order cycle) may follow.
                    XCTAssertEqual(Array(report.details.prefix(expected.details.count)), expected.details,
                                   "\(name) seed \(seed)")
                }
                XCTAssertLessThanOrEqual(report.preemptions ?? .max, outcome.foundPreemptions ?? -1)
            }
        }
    }

    func testEachKindComparesItsIdentity() {
        let a = Finding.invariant(message: "x is 1", file: "f.swift", line: 3, thread: 1)
        XCTAssertTrue(a.isSameBug(as: .invariant(message: "x is 2", file: "f.swift", line: 3, thread: 1)))
        XCTAssertFalse(a.isSameBug(as: .invariant(message: "x is 1", file: "f.swift", line: 3, thread: 2)))
        let spin = Finding.livelock(steps: 20_000, spinners: [1, 2], cycle: [1, 2])
        XCTAssertTrue(spin.isSameBug(as: .livelock(steps: 20_000, spinners: [1, 2], cycle: [1, 2])))
        XCTAssertFalse(spin.isSameBug(as: .livelock(steps: 20_000, spinners: [1, 2], cycle: [1, 1, 2])))
        XCTAssertFalse(spin.isSameBug(as: .livelock(steps: 20_000, spinners: [1], cycle: [1])))
        let unordered = Finding.livelock(steps: 20_000, spinners: [1, 2], cycle: [])
        XCTAssertTrue(unordered.isSameBug(as: spin), "a livelock without a period keeps its spinners")
        let held = BlockedThread(thread: 1, waitsFor: "lock b", holder: 2, holderOwns: true)
        let other = BlockedThread(thread: 3, waitsFor: "lock d", holder: 4, holderOwns: true)
        XCTAssertFalse(Finding.deadlock([held]).isSameBug(as: .deadlock([other])))
    }
}

/// Goodlock's gate-lock rule for lock-order cycles.
final class ThreadsGateLockTests: XCTestCase {
    /// Three philosophers pick up their forks in ring order (the last one's order closes the
    /// cycle); with `waiter` every pick-up happens under one common lock.
    private static func philosophers(waiter: Bool) -> @Sendable () -> Void {
        {
            let forks = (0..<3).map { Lock("fork\($0)") }
            let gate = Lock("waiter")
            let diners = (0..<3).map { i in
                spawn("P\(i)") {
                    if waiter { gate.lock() }
                    forks[i].lock()
                    forks[(i + 1) % 3].lock()
                    if waiter { gate.unlock() }
                    forks[(i + 1) % 3].unlock()
                    forks[i].unlock()
                }
            }
            for d in diners { d.join() }
        }
    }

    /// Budget: DFS with bound 2 and 5,000 schedules; then 1,000 portfolio schedules, seed 0.
    func testAGateLockMakesTheCycleHarmless() {
        for strategy in [RunRequest.Strategy.dfs, .portfolio] {
            let gated = exploreThreads(Self.philosophers(waiter: true), strategy: strategy, schedules: 5000).report
            XCTAssertEqual(gated.verdict, .clean, "\(strategy): \(gated.message)")
        }
    }

    func testRealCyclesAreStillReported() {
        // Without the waiter, DFS at bound 0 never deadlocks but sees the cycle.
        let ring = exploreThreads(Self.philosophers(waiter: false), strategy: .dfs, bound: 0).report
        XCTAssertEqual(ring.kind, .potentialDeadlock, ring.message)
        XCTAssertTrue(ring.message.contains("fork0") && ring.message.contains("fork2"), ring.message)
        // A common lock held by only one of the threads is no gate.
        let half: @Sendable () -> Void = {
            let a = Lock("a"), b = Lock("b"), g = Lock("g")
            let t1 = spawn("T1") { g.lock(); a.lock(); b.lock(); b.unlock(); a.unlock(); g.unlock() }
            t1.join()
            let t2 = spawn("T2") { b.lock(); a.lock(); a.unlock(); b.unlock() }
            t2.join()
        }
        let report = exploreThreads(half, strategy: .dfs, bound: 0).report
        XCTAssertEqual(report.kind, .potentialDeadlock, report.message)
        // One thread taking a → b and later b → a cannot deadlock with itself.
        let alone: @Sendable () -> Void = {
            let a = Lock("a"), b = Lock("b")
            spawn("T1") { a.lock(); b.lock(); b.unlock(); a.unlock(); b.lock(); a.lock(); a.unlock(); b.unlock() }.join()
        }
        XCTAssertEqual(exploreThreads(alone, strategy: .dfs, bound: 0).report.verdict, .clean)
    }
}

/// Scale, checker limits and background threads.
final class ThreadsScaleTests: XCTestCase {
    /// 128 workers (SCTBench has programs with 100) each add 1 to a counter without a lock.
    /// Budget: 50 random schedules, seed 3. The schedule names ids past 51, so it uses format 2.
    func testAScenarioOf128ThreadsIsExploredAndReplayed() throws {
        let body: @Sendable () -> Void = {
            let counter = Shared(0, "counter")
            let workers = (0..<128).map { i in spawn("W\(i)") { counter.value += 1 } }
            for w in workers { w.join() }
            check(counter.value == 128, "counter is \(counter.value), expected 128")
        }
        let report = exploreThreads(body, strategy: .random, schedules: 50, seed: 3).report
        XCTAssertEqual(report.verdict, .bug, report.message)
        XCTAssertEqual(report.threads.count, 129)
        let schedule = try XCTUnwrap(report.schedule)
        XCTAssertTrue(schedule.hasPrefix("T2-"), schedule)
        let replayed = replayThreads(schedule, body)
        XCTAssertNil(replayed.scheduleMismatch)
        XCTAssertEqual(replayed.message, report.message)
        let fixed: @Sendable () -> Void = {
            let counter = Mutex(0, "counter")
            let workers = (0..<128).map { i in spawn("W\(i)") { counter.withLock { $0 += 1 } } }
            for w in workers { w.join() }
            check(counter.withLock { $0 } == 128, "lost an update")
        }
        XCTAssertEqual(exploreThreads(fixed, strategy: .random, schedules: 50, seed: 3).report.verdict, .clean)
    }

    func testWideScheduleStringsRoundTrip() throws {
        let choices = [0, 0, 25, 26, 51, 52, 249, 249, 249, 1]
        let text = ScheduleString.encode(choices)
        XCTAssertEqual(text, "T2-A2ZbAbZcAjP3B")
        XCTAssertEqual(try ScheduleString.decode(text), choices)
        XCTAssertThrowsError(try ScheduleString.decode("T2-ab"))
    }

    /// Limits of the checker are reported as limits, never as bugs of the program.
    func testCheckerLimitsAreNotBugs() {
        let many = exploreThreads({ for i in 0..<10_000 { spawn("T\(i)") {} } }, schedules: 5).report
        XCTAssertEqual(many.verdict, .limit, many.message)
        XCTAssertNil(many.kind)
        XCTAssertTrue(many.message.contains("more than 250 threads"), many.message)
        XCTAssertTrue(many.details.contains("this is a limit of the checker, not a bug in your program"))
        // A thread that keeps writing never spins: at 200,000 steps it is a limit, not a livelock.
        let long = exploreThreads({
            let x = Shared(0, "x")
            spawn("counter") { while true { x.value += 1 } }.join()
        }, schedules: 1).report
        XCTAssertEqual(long.verdict, .limit, long.message)
        XCTAssertTrue(long.message.contains("200000 steps"), long.message)
    }

    /// Background threads: a watcher that waits for a `done` flag that never comes and a
    /// server blocked on an empty channel do not keep the scenario from ending, and their OS
    /// threads end with each schedule. Budget: 500 portfolio schedules, seed 0.
    func testBackgroundThreadsDoNotKeepTheScenarioAlive() {
        let body: @Sendable () -> Void = {
            let done = Atomic(false, "done")
            let jobs = Channel<Int>(capacity: 1, "jobs")
            let total = Mutex(0, "total")
            spawn("watcher", background: true) { while !done.load(ordering: .acquiring) { yieldNow() } }
            spawn("server", background: true) { while let job = jobs.receive() { total.withLock { $0 += job } } }
            let worker = spawn("worker") { total.withLock { $0 += 1 } }
            worker.join()
            check(total.withLock { $0 } >= 1, "the worker's addition was lost")
        }
        let before = Self.osThreads()
        let report = exploreThreads(body, schedules: 500).report
        XCTAssertEqual(report.verdict, .clean, report.message)
        XCTAssertEqual(report.schedulesRun, 500)
        XCTAssertTrue(report.details.contains { $0.contains("background threads watcher, server were still running") },
                      "\(report.details)")
        usleep(100_000)  // the retired OS threads exit right after their schedule
        XCTAssertLessThan(Self.osThreads() - before, 20, "background threads must not pile up")
        // A foreground thread that waits forever is still a deadlock.
        let stuck = exploreThreads({
            let jobs = Channel<Int>(capacity: 1, "jobs")
            spawn("server") { _ = jobs.receive() }.join()
        }, schedules: 10).report
        XCTAssertEqual(stuck.kind, .deadlock, stuck.message)
    }

    private static func osThreads() -> Int {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("Threads:") } ?? ""
        return Int(line.split(separator: "\t").last.map(String.init)?.trimmingCharacters(in: .whitespaces) ?? "") ?? 0
    }
}
