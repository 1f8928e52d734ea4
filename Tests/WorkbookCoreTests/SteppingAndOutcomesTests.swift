import Foundation
import ParLearnKit
import XCTest

@testable import WorkbookCore

/// Step mode's loop and wording, outcome histograms and answer files, without child processes:
/// the states are built by hand in the shape the kit reports.
final class SteppingAndOutcomesTests: XCTestCase {
    private static func report(
        _ scenario: String = "s", verdict: Verdict = .clean, kind: BugKind? = nil
    ) -> ScenarioReport {
        ScenarioReport(
            scenario: scenario, engine: .threads, verdict: verdict, kind: kind, message: "hits is 1, expected 2",
            seed: 0, strategy: "replay", schedulesRun: 1, failuresSeen: 0)
    }

    /// A fake program: T1 holds lock `a` from the start; main waits to join it. Choosing T1
    /// (id 1) twice ends the run with a failure, choosing T2 ends it cleanly.
    private static func fakeStep(_ choices: [Int]) -> StepState {
        if choices == [1, 1] { return .failed(report(verdict: .bug, kind: .invariant)) }
        if choices.last == 2 { return .ended(report()) }
        let point = DecisionPoint(
            step: choices.count,
            threads: [
                PendingThread(
                    id: 0, name: "main", status: .blocked, operation: "join T1", waitsFor: "join T1", heldBy: "T1"),
                PendingThread(id: 1, name: "T1", status: .runnable, operation: "write hits = \(choices.count)"),
                PendingThread(id: 2, name: "T2", status: .runnable, operation: "read hits"),
                PendingThread(
                    id: 3, name: "T3", status: .blocked, operation: "lock(a)", waitsFor: "lock a", heldBy: "T1"),
            ], shared: [PrimitiveState(kind: "Mutex", name: "a", value: "7", holder: "T1", waiters: ["T3"])])
        return .paused(point, report())
    }

    private func session() -> StepSession {
        let wording = StepWording(theme: .plain, width: 80, target: "00-welcome/racy", scenario: nil, sources: [:])
        return StepSession(goal: StepGoal(kind: .invariant), wording: wording, step: Self.fakeStep)
    }

    func testChoicesByNumberAndNameAdvanceAndBackRestoresTheSameScreen() {
        let s = session()
        let first = s.show()
        XCTAssertTrue(first.contains { $0.contains("write hits = 0") }, first.joined(separator: "\n"))
        XCTAssertTrue(first.contains("  a (Mutex) = 7, held by T1, waiting: T3"), first.joined(separator: "\n"))
        _ = s.handle("T1")
        XCTAssertEqual(s.choices, [1])
        XCTAssertEqual(s.handle("back"), first)
        XCTAssertEqual(s.choices, [])
        _ = s.handle("1")
        let done = s.handle("t1")  // names match without case when no exact match
        XCTAssertTrue(s.reachedGoal)
        XCTAssertTrue(
            done.contains { $0.hasPrefix("You made it fail: hits is 1, expected 2") }, done.joined(separator: "\n"))
        XCTAssertTrue(done.contains("Schedule: T1-b2"), done.joined(separator: "\n"))
        XCTAssertTrue(done.contains { $0.contains("parlearn replay 00-welcome/racy T1-b2 --scenario s") })
        XCTAssertEqual(s.handle("2"), [s.wording.runIsOver])
    }

    func testUnknownAndBlockedThreadsAreExplainedAndChangeNothing() {
        let s = session()
        let unknown = s.handle("T9")
        XCTAssertTrue(
            unknown[0].hasPrefix("no thread 'T9'; did you mean 'T1'?; the threads are 0 main, 1 T1, 2 T2, 3 T3."),
            unknown[0])
        XCTAssertEqual(
            s.handle("3").first, "T3 is blocked: lock(a) waits for lock a, which T1 holds. Run another thread first.")
        XCTAssertEqual(
            s.handle("main").first, "main is blocked: join T1 waits until T1 has finished. Run another thread first.")
        XCTAssertEqual(s.handle("back"), [s.wording.nothingToUndo])
        XCTAssertEqual(s.handle("auto 0"), [s.wording.autoUsage(limit: StepSession.autoLimit)])
        XCTAssertEqual(s.choices, [])
    }

    /// `auto` keeps the thread that ran last while it can, else the lowest runnable id.
    func testAutoRunsWithoutPreemptingAndStopsAtTheEnd() {
        let s = session()
        let lines = s.handle("auto 5")
        XCTAssertEqual(s.choices, [1, 1], "the lowest runnable id, then the same thread, until the run ended")
        XCTAssertEqual(lines.first, "auto: 2 steps")
        XCTAssertEqual(s.handle("quit"), ["Stopped. You reached the goal in this session.", "Schedule so far: T1-b2"])
        XCTAssertTrue(s.finished)
    }

    /// A `kind: schedule` exercise says where the recorded schedule goes.
    func testAScheduleExerciseSaysWhereToHandTheScheduleIn() {
        var wording = StepWording(theme: .plain, width: 80, target: "welcome-step", scenario: nil, sources: [:])
        wording.answerFile = "schedule.txt"
        let failed = StepState.failed(Self.report(verdict: .bug, kind: .invariant))
        XCTAssertEqual(wording.state(failed, choices: [1, 2], goal: StepGoal()).last,
                       "To hand it in, paste the schedule into schedule.txt and run `check welcome-step`.")
    }

    func testACleanEndOffersBackAndExplore() {
        let s = session()
        let lines = s.handle("2").joined(separator: "\n")
        XCTAssertTrue(lines.contains("ran to its end after 1 decision without failing"), lines)
        XCTAssertTrue(lines.contains("`parlearn explore 00-welcome/racy` searches the schedules"), lines)
        let fixed = StepWording(theme: .plain, width: 80, target: "00-welcome/fixed", scenario: nil, sources: [:])
            .state(.ended(Self.report()), choices: [2], goal: StepGoal(expectClean: true)).joined(separator: "\n")
        XCTAssertTrue(fixed.contains("As expected: this is the fixed program."), fixed)
    }

    func testAnAsyncScenarioIsRefusedInPlainWords() {
        var async = Self.report()
        async.engine = .async
        let state = StepState(
            .finished(ProgramReport(nonce: nil, complete: true, scenarios: [async]), status: .exited(0)))
        guard case .problem(let reason) = state else { return XCTFail("\(state)") }
        XCTAssertTrue(reason.hasPrefix("this is an async scenario"), reason)
        XCTAssertTrue(reason.contains("step mode drives thread scenarios only"), reason)
    }

    // MARK: Outcomes

    private func outcomeRun(_ tally: OutcomeTally, coverage: OutcomeRun.Coverage = .exhaustive) -> OutcomeRun {
        var report = Self.report("two increments")
        report.outcomes = tally
        return OutcomeRun(
            .finished(ProgramReport(nonce: nil, complete: true, scenarios: [report]), status: .exited(0)),
            coverage: coverage)
    }

    func testAForbiddenOutcomeExitsOneAndIsNamedWithItsWitness() throws {
        let run = outcomeRun(
            OutcomeTally(
                exhaustive: true, truncated: false, schedules: 10,
                outcomes: [
                    OutcomeCount(value: "1", count: 6, witness: "T1-bc2ba3", tag: .forbidden, note: "lost"),
                    OutcomeCount(value: "2", count: 4, witness: "T1-b2ac2a2", tag: .acceptable),
                ], unseen: [], declared: true))
        XCTAssertEqual(run.exitCode, 1)
        let text = run.render(theme: .plain, width: 80, target: "00-welcome/racy").joined(separator: "\n")
        XCTAssertTrue(text.contains("every schedule: all 10 interleavings were run (exhaustive)"), text)
        XCTAssertTrue(text.contains("6   60.0%  forbidden   lost"), text)
        XCTAssertTrue(text.contains("witness: T1-b2ac2a2"), text)
        XCTAssertTrue(text.contains("parlearn replay 00-welcome/racy T1-bc2ba3 --scenario 'two increments'"), text)
        let json = try XCTUnwrap(
            JSONSerialization.jsonObject(with: run.json(target: "00-welcome/racy")) as? [String: Any])
        XCTAssertEqual(json["verdict"] as? String, "forbidden")
        XCTAssertEqual((json["outcomes"] as? [[String: Any]])?.map { $0["count"] as? Int }, [6, 4])
    }

    func testAProgramTooBigForExhaustiveSuggestsSampling() {
        let run = outcomeRun(
            OutcomeTally(
                exhaustive: false, truncated: true, schedules: 5001, outcomes: [], unseen: [],
                declared: true))
        XCTAssertEqual(run.exitCode, 2)
        let text = run.render(theme: .plain, width: 80, target: "big.swift").joined(separator: "\n")
        XCTAssertTrue(text.contains("too big for --exhaustive"), text)
        XCTAssertTrue(text.contains("--schedules 1000"), text)
    }

    func testASampleSaysItIsASample() {
        let run = outcomeRun(
            OutcomeTally(
                exhaustive: false, truncated: false, schedules: 50,
                outcomes: [
                    OutcomeCount(value: "(deadlock)", count: 50, witness: "T1-b")
                ], unseen: [], declared: false), coverage: .sampled(schedules: 50, seed: 3))
        let text = run.render(theme: .plain, width: 80, target: "x").joined(separator: "\n")
        XCTAssertTrue(text.contains("a sample: 50 random schedules (seed 3)"), text)
        XCTAssertTrue(text.contains("declares no outcome"), text)
        XCTAssertEqual(run.exitCode, 0)
    }

    // MARK: Answer files

    func testPredictionsParseOneValuePerLineAndNameTheMalformedLine() {
        XCTAssertEqual(
            try Prediction.parse("# two values\n2\n 1  # lost\n\n(0,1)\n( 1 , 0 )\ntrue\n").get(),
            ["2", "1", "(0,1)", "(1,0)", "true"])
        guard case .failure(let problem) = Prediction.parse("1\ntwo\n") else { return XCTFail("`two` is not a value") }
        XCTAssertEqual(problem.line, 2)
        XCTAssertTrue(problem.message.hasPrefix("`two` is not a value"), problem.message)
        XCTAssertNil(Prediction.normalised("(1)"))
        XCTAssertNil(Prediction.normalised("1, 2"))
    }

    func testRecordedSchedulesAreReadFromTheFirstLineThatIsNotAComment() {
        XCTAssertEqual(try RecordedSchedule.parse("# mine\n\nT1-bc2\n").get(), "T1-bc2")
        XCTAssertEqual(try RecordedSchedule.parse("# nothing yet\n").get(), nil)
        guard case .failure(let problem) = RecordedSchedule.parse("T1-b?c\n") else { return XCTFail("not a schedule") }
        XCTAssertTrue(problem.description.contains("unexpected \"?\""), problem.description)
    }
}
