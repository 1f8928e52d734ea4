import Foundation
import XCTest

/// `parlearn step` driven by piped choices and `parlearn outcomes`, on the real chapter programs
/// and exercises, compiled and run in child processes.
final class SteppingCommandTests: XCTestCase {
    /// The learner reaches the failing check of the 00-welcome counter, undoes one step, takes
    /// another path to the same failure, and the printed schedule replays to it.
    func testPipedStepReachesTheFailureUndoesAndItsScheduleReplays() throws {
        let command = ParlearnCommand()
        // main is blocked at first (it joins T1), T9 does not exist; then T1 reads, T2 reads,
        // T1 writes, and auto runs the rest to the failed check. `back` undoes main's last
        // step; T2's write first gives another interleaving that fails too.
        let script = "main\nT9\n1\nT2\n1\nauto 20\nback\nback\nback\nback\nback\n2\nauto 20\nquit\n"
        let result = try command.run(["step", "00-welcome/racy"], input: script)
        XCTAssertEqual(result.status, 0, result.all)
        let out = result.stdout
        XCTAssertTrue(out.contains("main is blocked: join T1 waits until T1 has finished."), out)
        XCTAssertTrue(out.contains("no thread 'T9'"), out)
        XCTAssertTrue(out.contains("   2  T2      write hits = 1  runnable"), out)
        XCTAssertTrue(out.contains("hits (Shared) = 0"), out)
        let failures = out.components(separatedBy: "You made it fail: hits is 1, expected 2").count - 1
        XCTAssertEqual(failures, 2, out)
        let schedules = out.split(separator: "\n").filter { $0.hasPrefix("Schedule: ") }.map {
            String($0.dropFirst(10))
        }
        XCTAssertEqual(schedules.count, 2, out)
        XCTAssertNotEqual(schedules[0], schedules[1], "back then T2 took another path")
        for schedule in schedules {
            let replay = try command.run(["replay", "00-welcome/racy", schedule, "--json"])
            XCTAssertEqual(replay.status, 1, replay.all)
            let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(replay.stdout.utf8)) as? [String: Any])
            XCTAssertEqual(json["kind"] as? String, "invariant", replay.stdout)
            XCTAssertEqual(json["message"] as? String, "hits is 1, expected 2")
        }
    }

    /// In the REPL, step reads its choices from the REPL's own input and hands the rest back:
    /// the command after `quit` still runs. An async scenario is refused in plain words.
    func testStepInThePipedREPLLeavesTheFollowingCommandsToTheREPL() throws {
        let result = try ParlearnCommand().run(
            [], input: "open 00-welcome\nstep racy\n2\nquit\nstep 02-async/racy\nchapters\n")
        XCTAssertEqual(result.status, 0, result.all)
        XCTAssertTrue(result.stdout.contains("step> 2\n"), result.stdout)
        XCTAssertTrue(result.stdout.contains("Stopped after 1 decision.\nSchedule so far: T1-c"), result.stdout)
        XCTAssertTrue(result.stdout.contains("step mode drives thread scenarios only"), result.all)
        XCTAssertTrue(result.stdout.contains("01-threads"), "`chapters` ran after step: \(result.stdout)")
    }

    func testExhaustiveOutcomesOfTheWelcomeCounterMatchTheHandCount() throws {
        let command = ParlearnCommand()
        let result = try command.run(["outcomes", "00-welcome/racy", "--exhaustive", "--json"])
        XCTAssertEqual(result.status, 1, "the forbidden outcome 1 occurs: \(result.all)")
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(json["exhaustive"] as? Bool, true)
        XCTAssertEqual(json["schedules"] as? Int, 10)
        let outcomes = try XCTUnwrap(json["outcomes"] as? [[String: Any]])
        XCTAssertEqual(outcomes.map { $0["value"] as? String }, ["1", "2"])
        XCTAssertEqual(outcomes.map { $0["count"] as? Int }, [6, 4])
        XCTAssertEqual(outcomes.map { $0["tag"] as? String }, ["forbidden", "acceptable"])
    }

    func testAProgramTooBigForExhaustiveIsToldToSample() throws {
        let command = ParlearnCommand()
        let file = command.scratch.appendingPathComponent("big.swift")
        try Data(
            """
            import ParLearnKit
            scenario("many increments") {
                let hits = Shared(0, "hits")
                let workers = (1...3).map { i in spawn("T\\(i)") { for _ in 0..<3 { hits.value += 1 } } }
                for w in workers { w.join() }
                outcome(hits.value)
            }
            """.utf8
        ).write(to: file)
        let result = try command.run(["outcomes", file.path])
        XCTAssertEqual(result.status, 2, result.all)
        XCTAssertTrue(result.stdout.contains("too big for --exhaustive"), result.all)
        XCTAssertTrue(result.stdout.contains("--schedules"), result.all)
        let sampled = try command.run(["outcomes", file.path, "--schedules", "40", "--seed", "1"])
        XCTAssertEqual(sampled.status, 0, sampled.all)
        XCTAssertTrue(sampled.stdout.contains("a sample: 40 random schedules (seed 1)"), sampled.all)
        let both = try command.run(["outcomes", file.path, "--exhaustive", "--schedules", "40"])
        XCTAssertEqual(both.status, 2)
        XCTAssertTrue(both.stderr.contains("choose one"), both.all)
    }

    /// An answer file with a malformed value is named with its line and left as it was.
    func testAMalformedPredictionIsNamedAndKept() throws {
        let command = ParlearnCommand()
        let exercises = command.scratch.appendingPathComponent("exercises")
        try FileManager.default.copyItem(at: ParlearnCommand.root.appendingPathComponent("exercises"), to: exercises)
        let answer = exercises.appendingPathComponent("00-welcome/predict-increments/prediction.txt")
        try Data("1\ntwo\n".utf8).write(to: answer)
        var checker = command
        checker.environment["PARLEARN_EXERCISES"] = exercises.path
        let result = try checker.run(["check", "welcome-predict"])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.all.contains("prediction.txt line 2: `two` is not a value"), result.all)
        XCTAssertEqual(try String(contentsOf: answer, encoding: .utf8), "1\ntwo\n")
    }
}
