import Foundation
import Synchronization
import ParLearnKit
import XCTest

/// Chapter 03's promises, checked through the CLI as a learner would run them.
final class ProcessesChapterTests: XCTestCase {
    /// The racy bank fails with one trace column per process; the same seed gives the same
    /// schedule, and `replay` of that schedule reproduces the trace step for step.
    func testExploringTheRacyBankFindsTheLostUpdateAndReplaysIt() throws {
        let command = ParlearnCommand()
        let result = try command.run(["explore", "03-processes/racy", "--seed", "2", "--json"])
        XCTAssertEqual(result.status, 1, result.all)
        let bug = try JSONDecoder().decode(ScenarioReport.self, from: Data(result.stdout.utf8))
        XCTAssertEqual(bug.engine, .processes)
        XCTAssertEqual(bug.verdict, .bug)
        XCTAssertEqual(bug.kind, .invariant)
        XCTAssertEqual(bug.threads, ["main", "W1", "W2"])
        XCTAssertEqual(Set(bug.trace.map(\.thread)), [0, 1, 2], "one column per process, each used")
        // Each worker writes the shared accounts in its own column.
        for worker in [1, 2] {
            XCTAssertTrue(bug.trace.contains { $0.thread == worker && $0.operation.hasPrefix("write account[") },
                          "\(bug.trace)")
        }
        let schedule = try XCTUnwrap(bug.schedule)

        let again = try command.run(["explore", "03-processes/racy", "--seed", "2", "--json"])
        let second = try JSONDecoder().decode(ScenarioReport.self, from: Data(again.stdout.utf8))
        XCTAssertEqual(second.schedule, schedule, "same seed, same schedule")
        XCTAssertEqual(second.trace, bug.trace)

        let replay = try command.run(["replay", "03-processes/racy", schedule, "--json"])
        XCTAssertEqual(replay.status, 1, replay.all)
        let replayed = try JSONDecoder().decode(ScenarioReport.self, from: Data(replay.stdout.utf8))
        XCTAssertNil(replayed.scheduleMismatch)
        XCTAssertEqual(replayed.trace, bug.trace, "replay reproduces the trace")
    }

    /// A run whose worker hangs (the pipe deadlock, certain in a real run) is stopped at its
    /// time limit, and no process of it is left: neither the parent nor its worker.
    func testARunStoppedAtItsTimeLimitLeavesNoProcess() throws {
        let cache = ParlearnCommand.sharedCache.path
        let command = ParlearnCommand()
        let outcome = Mutex<ParlearnCommand.Result?>(nil)
        let finished = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            let result = try? command.run(["run", "03-processes/deadlock-racy", "--timeout", "2"], timeout: 60)
            outcome.withLock { $0 = result }
            finished.signal()
        }
        // The runner's binaries live in the test cache: while the run lasts, its parent and its
        // worker run from there (which shows this test can see them); after it, none may.
        var most = 0
        while finished.wait(timeout: .now() + .milliseconds(20)) == .timedOut {
            most = max(most, processes(runningFrom: cache).count)
        }
        let result = try XCTUnwrap(outcome.withLock { $0 })
        XCTAssertEqual(result.status, 1, result.all)
        XCTAssertTrue(result.stdout.contains("stopped after 2 s"), result.all)
        XCTAssertGreaterThanOrEqual(most, 2, "the parent and its worker were seen running")
        let deadline = Date().addingTimeInterval(5)
        var left = processes(runningFrom: cache)
        while !left.isEmpty && Date() < deadline {
            usleep(20_000)
            left = processes(runningFrom: cache)
        }
        XCTAssertEqual(left, [], "processes of the run outlived it")
    }

    /// Live (not zombie) processes whose executable lies under `directory`.
    private func processes(runningFrom directory: String) -> [pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { name -> pid_t? in
            guard let pid = pid_t(name),
                  let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/exe"),
                  exe.hasPrefix(directory) else { return nil }
            return pid
        }.sorted()
    }
}
