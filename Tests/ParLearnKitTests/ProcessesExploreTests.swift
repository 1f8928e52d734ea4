import XCTest
import ParLearnKit

/// The process engine (explore and replay mode) on a program compiled against the kit, run as
/// the runner runs it. Budgets are small; each schedule forks real processes.
final class ProcessesExploreTests: XCTestCase {
    private static let program = """
        import ParLearnKit

        nonisolated(unsafe) var marker = 0   // the isolation lesson: one copy per process

        struct Transfer: Codable, Sendable { var accounts: SharedMemory; var from: Int; var to: Int; var locked: Bool }
        struct Lines: Codable, Sendable { var requests: MessagePipe<String>; var replies: MessagePipe<String> }

        let setMarker = EntryPoint("set") { (n: Int) -> Int in marker = n; return marker }
        let readMarker = EntryPoint("read") { (n: Int) in marker }
        let transfer = EntryPoint("transfer") { (t: Transfer) in
            let move = { t.accounts[t.from] -= 10; t.accounts[t.to] += 10 }
            if t.locked { t.accounts.lock.withLock(move) } else { move() }
        }
        let echo = EntryPoint("echo") { (l: Lines) in
            for _ in 0..<6 { try l.replies.send(try l.requests.receive()) }
        }
        let square = EntryPoint("square") { (n: Int) in n * n }
        let spin = EntryPoint("spin") { (n: Int) -> Int in
            var x = n
            while x >= 0 { x = (x &+ 1) & 0xffff }   // never reaches a scheduling point
            return x
        }

        func bank(locked: Bool) throws {
            let accounts = try SharedMemory("account", count: 2, initialValue: 100)
            let w1 = try spawnProcess("W1", transfer, input: Transfer(accounts: accounts, from: 0, to: 1, locked: locked))
            let w2 = try spawnProcess("W2", transfer, input: Transfer(accounts: accounts, from: 1, to: 0, locked: locked))
            try w1.join()
            try w2.join()
            check(accounts[0] + accounts[1] == 200, "the bank holds \\(accounts[0] + accounts[1])")
        }

        processScenario("racy") { try bank(locked: false) }
        processScenario("fixed") { try bank(locked: true) }
        processScenario("isolation") {
            marker = 7
            let writer = try spawnProcess("writer", setMarker, input: 42)
            let wrote = try writer.join()
            let reader = try spawnProcess("reader", readMarker, input: 0)
            let seen = try reader.join()
            check(wrote == 42 && seen == 0 && marker == 7, "wrote \\(wrote), another process saw \\(seen), main has \\(marker)")
        }
        processScenario("pipe deadlock") {
            let requests = try MessagePipe<String>("requests", capacity: 4096)
            let replies = try MessagePipe<String>("replies", capacity: 4096)
            let worker = try spawnProcess("echo", echo, input: Lines(requests: requests, replies: replies))
            let line = String(repeating: "x", count: 1500)
            for _ in 0..<6 { try requests.send(line) }
            for _ in 0..<6 { _ = try replies.receive() }
            try worker.join()
        }
        processScenario("spinning worker") {
            _ = try spawnProcess("spinner", spin, input: 0).join()
        }
        processScenario("pool") {
            let pool = try ProcessPool(workers: 2)
            let futures = try (1...4).map { try pool.submit(square, $0) }
            var outcomes: [String] = []
            for f in futures {
                do { outcomes.append(String(try f.result())) } catch { outcomes.append("\\(error)") }
            }
            pool.shutdown()
            let crashed = outcomes.filter { $0.contains("crashed") }.count
            check(outcomes.count == 4 && crashed <= 1 && outcomes.filter { Int($0) != nil }.count == 4 - crashed,
                  "outcomes \\(outcomes)")
            check(crashed == 0, "a job failed: \\(outcomes)")
        }
        """

    private static let binary: Result<String, XCTSkip> = KitProgram.compile(program, name: "processes-explore")

    /// Explores (or replays) one scenario; its report.
    private func explore(_ scenario: String, _ env: [String: String] = [:]) throws -> ScenarioReport {
        let path = NSTemporaryDirectory() + "parlearn-processes-explore-\(getpid())-\(UUID().uuidString).json"
        defer { try? FileManager.default.removeItem(atPath: path) }
        var all = ["PARLEARN_MODE": "explore", "PARLEARN_SCENARIO": scenario, "PARLEARN_REPORT": path, "PARLEARN_SEED": "1"]
        all.merge(env) { $1 }
        KitProgram.run(try Self.binary.get(), [], env: all)
        let report = try ProgramReport.decode(Data(contentsOf: URL(fileURLWithPath: path)))
        return try XCTUnwrap(report.scenarios.first)
    }

    func testTheLostUpdateIsFoundWithOneColumnPerProcessAndReplays() throws {
        let bug = try explore("racy", ["PARLEARN_SCHEDULES": "200"])
        XCTAssertEqual(bug.engine, .processes)
        XCTAssertEqual(bug.verdict, .bug)
        XCTAssertEqual(bug.kind, .invariant)
        XCTAssertEqual(bug.threads, ["main", "W1", "W2"])
        XCTAssertEqual(Set(bug.trace.map(\.thread)), [0, 1, 2])
        XCTAssertTrue(bug.trace.contains { $0.operation == "write account[0]" && $0.thread != 0 }, "\(bug.trace)")
        let schedule = try XCTUnwrap(bug.schedule)
        XCTAssertTrue(schedule.hasPrefix("P1-"))

        let again = try explore("racy", ["PARLEARN_SCHEDULES": "200"])
        XCTAssertEqual(again.schedule, schedule, "same seed, same schedule")
        XCTAssertEqual(again.schedulesRun, bug.schedulesRun)

        let replay = try explore("racy", ["PARLEARN_MODE": "replay", "PARLEARN_SCHEDULE": schedule])
        XCTAssertNil(replay.scheduleMismatch)
        XCTAssertEqual(replay.verdict, .bug)
        XCTAssertEqual(replay.trace, bug.trace, "replay reproduces the trace")
    }

    func testTheLockedTransfersStayClean() throws {
        let clean = try explore("fixed", ["PARLEARN_SCHEDULES": "60", "PARLEARN_STRATEGY": "random"])
        XCTAssertEqual(clean.verdict, .clean, clean.message)
        XCTAssertEqual(clean.schedulesRun, 60)
    }

    /// A global written in one process is never seen by another, in explore mode as in plain.
    func testIsolationIsRealUnderTheChecker() throws {
        let report = try explore("isolation", ["PARLEARN_SCHEDULES": "20"])
        XCTAssertEqual(report.verdict, .clean, report.message)
        XCTAssertEqual(report.schedulesRun, 20)
    }

    func testThePipeDeadlockNamesBothProcesses() throws {
        let report = try explore("pipe deadlock", ["PARLEARN_SCHEDULES": "50"])
        XCTAssertEqual(report.kind, .deadlock)
        XCTAssertTrue(report.message.hasPrefix("deadlock: no process can continue"), report.message)
        XCTAssertTrue(report.message.contains("main waits for room in requests"), report.message)
        XCTAssertTrue(report.message.contains("echo waits for room in replies"), report.message)
    }

    func testAPoolUnderTheCheckerLosesNoJobToAnInjectedCrash() throws {
        let clean = try explore("pool", ["PARLEARN_SCHEDULES": "8"])
        XCTAssertEqual(clean.verdict, .clean, clean.message)
        // Job 2's worker crashes: its future fails, the others finish, and the check says so.
        let crashed = try explore("pool", ["PARLEARN_SCHEDULES": "8", "PARLEARN_CRASH_JOB": "2"])
        XCTAssertEqual(crashed.verdict, .bug)
        XCTAssertTrue(crashed.message.hasPrefix("a job failed: [\"1\", \"worker P"), crashed.message)
        XCTAssertTrue(crashed.message.contains("crashed (signal 6, SIGABRT)\", \"9\", \"16\"]"), crashed.message)
    }

    /// A worker that spins outside the checker's sight is reported as such, named; the watchdog
    /// counts its CPU time, so a loaded machine delays the verdict but does not change it.
    func testASpinningWorkerIsReportedByName() throws {
        let report = try explore("spinning worker", ["PARLEARN_SCHEDULES": "1"])
        XCTAssertEqual(report.kind, .livelock, report.message)
        XCTAssertTrue(report.message.hasPrefix("spinner used 1.5 s of CPU time without reaching a scheduling point"), report.message)
    }
}
