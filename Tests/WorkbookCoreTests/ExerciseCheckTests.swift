import Foundation
import ParLearnKit
import XCTest
@testable import WorkbookCore

final class ExerciseCheckTests: XCTestCase {
    private func check(_ executor: FakeExecutor, stress: Int? = nil, edit: ((ExerciseFixture) throws -> Void)? = nil) throws -> CheckVerdict {
        let fixture = try ExerciseFixture(self)
        try fixture.addExercise()
        let exercise = try fixture.exercise()
        try edit?(fixture)
        return ExerciseChecker(executor: executor).check(exercise.checkInputs, stressIterations: stress)
    }

    func testPlanHasOneExplorationPerSeedWithTheBudget() throws {
        let fixture = try ExerciseFixture(self)
        try fixture.addExercise()
        let exercise = try fixture.exercise()
        let plan = CheckPlan.make(inputs: exercise.checkInputs, checkSource: ExerciseFixture.checkSource, stressIterations: 2)
        XCTAssertEqual(plan.runs.map(\.request.seed), [1, 2])
        XCTAssertEqual(plan.runs.map(\.request.mode), [.explore, .explore])
        XCTAssertEqual(plan.runs[0].request.schedules, 50)
        XCTAssertEqual(plan.runs[0].request.strategy, .portfolio)
        XCTAssertEqual(plan.runs[0].request.timeBudget, 5)
        XCTAssertEqual(plan.runs[0].timeout, 10, "5 s budget plus a 5 s grace")
        XCTAssertEqual(plan.stressIterations, 2)
        XCTAssertEqual(plan.expected, ExpectedScenarios(count: 2, names: ["one", "two"]))
        XCTAssertEqual(CheckPlan.timeout(forBudget: 30), 45)
    }

    func testPassedSumsSchedulesOverSeedsAndScenarios() throws {
        let executor = FakeExecutor(explore: FakeExecutor.clean(["one", "two"], schedules: 50))
        let verdict = try check(executor)
        XCTAssertEqual(verdict.kind, .passed)
        XCTAssertEqual(verdict.headline, "200 schedules explored, no failure. A pass is not a proof.")
        XCTAssertEqual(verdict.schedulesRun, 200)
        XCTAssertEqual(verdict.details, ["seeds 1, 2, strategy portfolio, up to 50 schedules per scenario"])
        XCTAssertEqual(verdict.duration, 0.5)
        XCTAssertEqual(executor.requests.map(\.seed), [1, 2])
        let compiled = try XCTUnwrap(executor.compiled.first)
        XCTAssertEqual(compiled.files.map(\.lastPathComponent), ["counter.swift"])
        XCTAssertEqual(compiled.main.lastPathComponent, "check.swift")
    }

    func testBugGivesKindMessageTraceAndReplayCommand() throws {
        let executor = FakeExecutor { request in
            request.seed == 2 ? FakeExecutor.lostUpdate(in: request) : FakeExecutor.clean(["one", "two"])(request)
        }
        let verdict = try check(executor)
        XCTAssertEqual(verdict.kind, .failed)
        XCTAssertEqual(verdict.headline, "invariant failed in scenario \"one\": value is 0")
        XCTAssertEqual(verdict.seed, 2)
        XCTAssertEqual(verdict.strategy, "portfolio/pct(d=2)")
        XCTAssertEqual(verdict.failingSchedule, "T1-ab2a")
        XCTAssertEqual(verdict.bug?.trace.count, 1)
        XCTAssertEqual(verdict.replayCommand, "parlearn replay counter T1-ab2a --scenario one")
        XCTAssertEqual(verdict.schedulesRun, 107, "100 clean schedules of seed 1, then 7 until the bug")
        XCTAssertEqual(verdict.output, "explored seed 2\n")
        XCTAssertTrue(verdict.details[0].contains("seed 2"), verdict.details[0])
    }

    func testEarlyExitNeverPasses() throws {
        let reason = "the program \(RunStatus.exited(0).summary) before its scenarios finished (did something call exit()?)"
        let verdict = try check(FakeExecutor { _ in .incomplete(status: .exited(0), reason: reason) })
        XCTAssertEqual(verdict.kind, .incomplete)
        XCTAssertEqual(verdict.headline, "your code exited before the checks finished (exit(0)?)")
        XCTAssertFalse(verdict.passed)

        let exitOne = try check(FakeExecutor { _ in .incomplete(status: .exited(3), reason: "the program exited 3 before its scenarios finished (did something call exit()?)") })
        XCTAssertEqual(exitOne.kind, .incomplete)
        XCTAssertTrue(exitOne.headline.hasPrefix("the program stopped with exit status 3 before the checks finished"), exitOne.headline)
    }

    func testAnUntrustedReportKeepsTheRunnersReason() throws {
        let verdict = try check(FakeExecutor { _ in .untrustedReport(status: .exited(0)) })
        XCTAssertEqual(verdict.kind, .incomplete)
        XCTAssertEqual(verdict.headline, CheckerOutcome.untrustedReason)
    }

    func testAReportMissingAScenarioNeverPasses() throws {
        let oneOfTwo = try check(FakeExecutor(explore: FakeExecutor.clean(["one"])))
        XCTAssertEqual(oneOfTwo.kind, .incomplete)
        XCTAssertEqual(oneOfTwo.headline, "scenario \"two\" never finished: your code exited before the checks finished (exit(0)?)")
    }

    func testFewerScenariosThanDeclaredByCount() {
        // Unnamed declarations: only the count can be compared.
        let outcome = FakeExecutor.clean(["a", "b"])(RunRequest())
        XCTAssertEqual(RunAssessment.assess(outcome, expected: ExpectedScenarios(count: 3)),
                       .incomplete("only 2 of 3 scenarios finished: your code exited before the checks finished (exit(0)?)"))
        XCTAssertEqual(RunAssessment.assess(outcome, expected: ExpectedScenarios(count: 2)).isClean, true)
    }

    func testCrashRecordGivesThreadScenarioAndReplay() throws {
        let record = try XCTUnwrap(CrashRecord(line: "crash\t4\ttwo\tT1\tT1-aab\n"))
        let verdict = try check(FakeExecutor { _ in .crashed(record, status: .signaled(SIGILL)) })
        XCTAssertEqual(verdict.kind, .crashed)
        XCTAssertEqual(verdict.headline, "crashed with \(SignalName.describe(SIGILL)) in thread T1 of scenario \"two\"")
        XCTAssertEqual(verdict.crash, record)
        XCTAssertEqual(verdict.replayCommand, "parlearn replay counter T1-aab --scenario two")
        XCTAssertEqual(verdict.failingSchedule, "T1-aab")
    }

    func testSignalWithoutRecordStillCrashed() throws {
        let verdict = try check(FakeExecutor { _ in .crashed(nil, status: .signaled(SIGSEGV)) })
        XCTAssertEqual(verdict.kind, .crashed)
        XCTAssertEqual(verdict.headline, "crashed with SIGSEGV (segmentation fault)")
        XCTAssertNil(verdict.replayCommand)
        XCTAssertNil(verdict.failingSchedule)
    }

    func testTimeoutInterruptAndStartFailure() throws {
        let executor = FakeExecutor { _ in .incomplete(status: .timedOut(10), reason: "stopped") }
        let verdict = try check(executor)
        XCTAssertEqual(verdict.kind, .timedOut)
        XCTAssertTrue(verdict.headline.hasPrefix("stopped after 10 s: your code may be deadlocked or looping"), verdict.headline)
        XCTAssertEqual(executor.timeouts, [10], "the checker stops at the first seed that fails")

        let interrupted = try check(FakeExecutor { _ in .incomplete(status: .interrupted(signal: SIGINT), reason: "stopped by Ctrl-C") })
        XCTAssertEqual(interrupted.kind, .interrupted)

        let unstartable = try check(FakeExecutor { _ in .incomplete(status: .failedToStart("exec format error"), reason: "") })
        XCTAssertEqual(unstartable.kind, .error)
        XCTAssertEqual(unstartable.headline, "the check could not run: exec format error")
    }

    func testCompileErrorPointsIntoTheLearnerFileFirst() throws {
        let fixture = try ExerciseFixture(self)
        try fixture.addExercise()
        let exercise = try fixture.exercise()
        let learner = exercise.learnerURLs[0].path
        let output = """
        \(exercise.checkURL.path):3:20: error: cannot find 'value' in scope
        \(learner):1:24: error: cannot convert return expression of type 'String' to return type 'Int'
        func value() -> Int { "0" }
                               ^~~
        """
        let diagnostics = ProgramCompiler.parseDiagnostics(output)
        XCTAssertEqual(diagnostics.count, 2)
        let executor = FakeExecutor(compile: .failed(diagnostics: diagnostics, output: output)) { _ in fatalError("nothing runs") }
        let verdict = ExerciseChecker(executor: executor).check(exercise.checkInputs)
        XCTAssertEqual(verdict.kind, .doesNotCompile)
        XCTAssertEqual(verdict.headline, "counter.swift does not compile: counter.swift:1: cannot convert return expression of type 'String' to return type 'Int'")
        XCTAssertEqual(verdict.diagnostics.map(\.file), [learner, exercise.checkURL.path])
        XCTAssertTrue(executor.requests.isEmpty, "nothing runs when the code does not compile")

        let checkOnly = FakeExecutor(compile: .failed(diagnostics: [diagnostics[0]], output: "")) { _ in fatalError("nothing runs") }
        let renamed = ExerciseChecker(executor: checkOnly).check(exercise.checkInputs)
        XCTAssertEqual(renamed.kind, .doesNotCompile)
        XCTAssertTrue(renamed.headline.hasPrefix("the check (check.swift) does not compile with your code: check.swift:3: cannot find 'value' in scope"), renamed.headline)

        let opaque = FakeExecutor(compile: .failed(diagnostics: [], output: "swiftc was killed\n")) { _ in fatalError("nothing runs") }
        XCTAssertEqual(ExerciseChecker(executor: opaque).check(exercise.checkInputs).headline, "the code does not compile: swiftc was killed")
    }

    func testBadLearnerFilesAreCaughtBeforeCompiling() throws {
        let cases: [(String, (URL) throws -> Void)] = [
            ("is missing", { try FileManager.default.removeItem(at: $0) }),
            ("is empty", { try Data(" \n".utf8).write(to: $0) }),
            ("is not UTF-8 text", { try Data([0x66, 0xFF, 0xFE, 0x0A]).write(to: $0) }),
        ]
        for (expected, damage) in cases {
            let executor = FakeExecutor(explore: FakeExecutor.clean(["one", "two"]))
            let verdict = try check(executor) { fixture in
                try damage(fixture.root.appendingPathComponent("01-threads/counter/counter.swift"))
            }
            XCTAssertEqual(verdict.kind, .doesNotCompile)
            XCTAssertTrue(verdict.headline.hasPrefix("counter.swift \(expected)"), verdict.headline)
            XCTAssertTrue(executor.compiled.isEmpty)
        }
    }

    func testACheckWithoutScenariosIsAnErrorNotAPass() throws {
        let noScenarios = try check(FakeExecutor(explore: FakeExecutor.clean([]))) { fixture in
            try fixture.write("import ParLearnKit\n// scenario(\"gone\")\n", to: fixture.root.appendingPathComponent("01-threads/counter/check.swift"))
        }
        XCTAssertEqual(noScenarios.kind, .error)
        XCTAssertTrue(noScenarios.headline.contains("declares no scenario"), noScenarios.headline)
    }

    func testStressFailureAfterEnginePassedIsSaidPlainly() throws {
        let executor = FakeExecutor(plain: { n in
            n == 3 ? PlainRun(outcome: .exited(1), output: "check failed at check.swift:3: value is 0\n") : PlainRun(outcome: .exited(0))
        }, explore: FakeExecutor.clean(["one", "two"], schedules: 10))
        let verdict = try check(executor, stress: 5)
        XCTAssertEqual(verdict.kind, .failedUnderStress)
        XCTAssertEqual(verdict.headline, "the checker passed 40 explored schedules, but real-thread run 3 of 5 failed: check failed at check.swift:3: value is 0. The bug is real; the explored schedules missed it. A pass is not a proof.")
        XCTAssertEqual(executor.plainRuns, 3, "stress stops at the first failing run")
        XCTAssertEqual(verdict.details.last, "stress: 2 of 5 real runs passed before this one")

        let crashing = FakeExecutor(plain: { _ in PlainRun(outcome: .signaled(SIGSEGV)) }, explore: FakeExecutor.clean(["one", "two"]))
        XCTAssertTrue(try check(crashing, stress: 2).headline.contains("real-thread run 1 of 2 crashed with SIGSEGV"))
    }

    func testStressRunsAllPassing() throws {
        let executor = FakeExecutor(explore: FakeExecutor.clean(["one", "two"]))
        let verdict = try check(executor, stress: 3)
        XCTAssertEqual(verdict.kind, .passed)
        XCTAssertEqual(executor.plainRuns, 3)
        XCTAssertEqual(verdict.details.last, "3 real-thread runs passed too")
        XCTAssertEqual(try check(FakeExecutor(explore: FakeExecutor.clean(["one", "two"]))).details.count, 1, "no stress runs unless asked")
    }

    func testReplayCommandQuoting() {
        XCTAssertEqual(ReplayCommand.make(target: "01-threads/racy", schedule: "T1-a3b", scenario: "lost update"),
                       "parlearn replay 01-threads/racy T1-a3b --scenario 'lost update'")
        XCTAssertEqual(ReplayCommand.shellQuoted("it's"), "'it'\\''s'")
    }
}

extension RunAssessment {
    var isClean: Bool {
        if case .clean = self { return true }
        return false
    }
}
