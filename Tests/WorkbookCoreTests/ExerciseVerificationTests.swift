import Foundation
import ParLearnKit
import XCTest
@testable import WorkbookCore

final class ExerciseVerificationTests: XCTestCase {
    func testStarterCasesArePerSeedAndUseThePristineFiles() throws {
        let fixture = try ExerciseFixture(self)
        try fixture.addExercise()
        let exercise = try fixture.exercise()
        let cases = ContentVerification.cases(for: exercise)
        XCTAssertEqual(cases.map(\.label), ["counter starter (seed 1)", "counter starter (seed 2)", "counter solution"])
        XCTAssertEqual(cases.map(\.expectation), [.fails, .fails, .passes])
        XCTAssertEqual(cases[0].inputs.budget.seeds, [1])
        XCTAssertEqual(cases[2].inputs.budget.seeds, [1, 2])
        XCTAssertTrue(cases[0].inputs.learnerFiles[0].path.contains("/.starter/"))
        XCTAssertTrue(cases[2].inputs.learnerFiles[0].path.contains("/.solution/"))
    }

    func testStarterThatFailsAndSolutionThatPassesVerifyEndToEnd() throws {
        let fixture = try ExerciseFixture(self)
        try fixture.addExercise()
        let exercise = try fixture.exercise()
        // The fake "runs" the starter as buggy and the solution as clean, by the compiled file.
        let starterRuns = FakeExecutor { FakeExecutor.lostUpdate(in: $0) }
        let solutionRuns = FakeExecutor(explore: FakeExecutor.clean(["one", "two"]))
        for verificationCase in ContentVerification.cases(for: exercise) {
            let runner = verificationCase.expectation == .fails ? starterRuns : solutionRuns
            let verdict = ExerciseChecker(executor: runner).check(verificationCase.inputs)
            XCTAssertNil(ContentVerification.problem(expectation: verificationCase.expectation, verdict: verdict), verificationCase.label)
        }
        // Swapped: a starter that passes and a solution that fails are both reported.
        let starter = ContentVerification.cases(for: exercise)[0]
        let passingStarter = ExerciseChecker(executor: solutionRuns).check(starter.inputs)
        XCTAssertEqual(ContentVerification.problem(expectation: .fails, verdict: passingStarter),
                       "it should fail its check (a bug the checker finds), but the checker said: passed: 100 schedules explored, no failure. A pass is not a proof.")
        let failingSolution = ExerciseChecker(executor: starterRuns).check(exercise.checkInputs(using: exercise.solutionURLs))
        XCTAssertNotNil(ContentVerification.problem(expectation: .passes, verdict: failingSolution))
    }

    /// `starter_diagnostic:` makes the compiler the checker: one starter case, which passes only
    /// when the compiler rejects the starter with the named error.
    func testAStarterExpectedNotToCompileMustFailWithTheNamedError() throws {
        let fixture = try ExerciseFixture(self)
        try fixture.addExercise(manifest: ExerciseFixture.manifest(id: "counter", extra: "starter_diagnostic: risks causing data races"))
        let exercise = try fixture.exercise()
        XCTAssertEqual(exercise.starterDiagnostic, "risks causing data races")
        let cases = ContentVerification.cases(for: exercise)
        XCTAssertEqual(cases.map(\.label), ["counter starter", "counter solution"])
        XCTAssertEqual(cases[0].expectation, .doesNotCompile(containing: "risks causing data races"))
        func rejected(_ message: String) -> FakeExecutor {
            let error = Diagnostic(file: exercise.starterURLs[0].path, line: 3, column: 9, severity: .error, message: message)
            return FakeExecutor(compile: .failed(diagnostics: [error], output: error.located), explore: FakeExecutor.clean(["one", "two"]))
        }
        let intended = ExerciseChecker(executor: rejected("sending 'box' risks causing data races")).check(cases[0].inputs)
        XCTAssertNil(ContentVerification.problem(expectation: cases[0].expectation, verdict: intended))
        let typo = ExerciseChecker(executor: rejected("cannot find 'bx' in scope")).check(cases[0].inputs)
        XCTAssertEqual(ContentVerification.problem(expectation: cases[0].expectation, verdict: typo),
                       "it should not compile, with an error containing \"risks causing data races\", but it failed to compile for another reason: cannot find 'bx' in scope")
        // A starter that compiles, even one whose check fails, is not what the exercise promises.
        let compiles = ExerciseChecker(executor: FakeExecutor { FakeExecutor.lostUpdate(in: $0) }).check(cases[0].inputs)
        XCTAssertNotNil(ContentVerification.problem(expectation: cases[0].expectation, verdict: compiles))
    }

    /// `starter_bug:` names the bug the starter must be caught with on every seed.
    func testAStarterMustBeCaughtWithTheNamedBug() throws {
        let fixture = try ExerciseFixture(self)
        try fixture.addExercise(manifest: ExerciseFixture.manifest(id: "counter", extra: "starter_bug: deadlock"))
        let exercise = try fixture.exercise()
        let starter = ContentVerification.cases(for: exercise)[0]
        XCTAssertEqual(starter.expectation, .bug(.deadlock))
        let lostUpdate = ExerciseChecker(executor: FakeExecutor { FakeExecutor.lostUpdate(in: $0) }).check(starter.inputs)
        XCTAssertEqual(ContentVerification.problem(expectation: starter.expectation, verdict: lostUpdate),
                       "it should be caught as deadlock, but the checker found invariant: value is 0")
        try fixture.addExercise(slug: "both", manifest: ExerciseFixture.manifest(
            id: "both", extra: "starter_bug: deadlock\nstarter_diagnostic: risks causing data races"))
        XCTAssertTrue(fixture.load().diagnostics.contains { $0.message.hasPrefix("`starter_bug` and `starter_diagnostic` exclude") })
    }

    func testAStarterThatDoesNotCompileOrTimesOutIsAContentBug() {
        let timedOut = CheckVerdict(kind: .timedOut, exerciseID: "x", headline: "stopped", engine: .threads, strategy: "portfolio")
        XCTAssertNotNil(ContentVerification.problem(expectation: .fails, verdict: timedOut))
    }

    func testChapterProgramExpectations() {
        var verdict = CheckVerdict(kind: .failed, exerciseID: "01-threads/racy", headline: "h", engine: .threads, strategy: "portfolio")
        verdict.bug = ScenarioReport(scenario: "s", engine: .threads, verdict: .bug, kind: .dataRace, message: "race", seed: 1, strategy: "random", schedulesRun: 3, failuresSeen: 1)
        XCTAssertNil(ContentVerification.problem(expectation: .bug(nil), verdict: verdict))
        XCTAssertNil(ContentVerification.problem(expectation: .bug(.dataRace), verdict: verdict))
        XCTAssertEqual(ContentVerification.problem(expectation: .bug(.invariant), verdict: verdict),
                       "it should be caught as invariant, but the checker found data-race: race")
        XCTAssertNotNil(ContentVerification.problem(expectation: .clean, verdict: verdict))
        let clean = CheckVerdict(kind: .passed, exerciseID: "01-threads/fixed", headline: "ok", engine: .threads, strategy: "portfolio")
        XCTAssertNil(ContentVerification.problem(expectation: .clean, verdict: clean))
        let inputs = CheckInputs(exerciseID: "01-threads/racy", engine: .threads, learnerFiles: [], checkFile: URL(fileURLWithPath: "/c/racy.swift"),
                                 budget: ExerciseBudget(schedules: 10, seconds: 1, seeds: [1, 2, 3]))
        XCTAssertEqual(ContentVerification.cases(label: "racy", inputs: inputs, expectation: .bug(nil)).count, 3)
        XCTAssertEqual(ContentVerification.cases(label: "fixed", inputs: inputs, expectation: .clean).count, 1)
    }

    func testChapterProgramCasesFollowChapterYML() throws {
        let yaml = """
        title: T
        summary: S
        programs:
          - {name: racy, demonstrates: d, expect: bug, kind: data-race, schedules: 40, seconds: 3, strategy: pct}
          - {name: fixed, demonstrates: d, expect: clean}
          - {name: hang, demonstrates: d}
        """
        let metadata = try YAMLMetadata.decode(ChapterMetadata.self, from: yaml, file: "chapter.yml")
        let file = URL(fileURLWithPath: "/c/01-threads/racy.swift")
        let racy = ContentVerification.cases(chapter: "01-threads", program: metadata.programs[0], file: file, seeds: [1, 2])
        XCTAssertEqual(racy.map(\.label), ["01-threads/racy (seed 1)", "01-threads/racy (seed 2)"])
        XCTAssertEqual(racy[0].expectation, .bug(.dataRace))
        XCTAssertEqual(racy[0].inputs.budget, ExerciseBudget(schedules: 40, seconds: 3, seeds: [1], strategy: .pct))
        XCTAssertEqual(racy[0].inputs.learnerFiles, [])
        XCTAssertEqual(racy[0].inputs.checkFile, file)
        let fixed = ContentVerification.cases(chapter: "01-threads", program: metadata.programs[1], file: file, seeds: [1, 2])
        XCTAssertEqual(fixed.map(\.expectation), [.clean])
        XCTAssertEqual(fixed[0].inputs.budget.schedules, ProgramSpec.defaultSchedules)
        XCTAssertEqual(ContentVerification.cases(chapter: "01-threads", program: metadata.programs[2], file: file, seeds: [1]), [])
    }

    func testTheVerdictTakesTheEngineTheReportNames() throws {
        let fixture = try ExerciseFixture(self)
        try fixture.addExercise()
        let exercise = try fixture.exercise()
        let asyncClean = FakeExecutor { request in
            .finished(ProgramReport(nonce: "n", complete: true, scenarios: ["one", "two"].map {
                ScenarioReport(scenario: $0, engine: .async, verdict: .clean, message: "ok", seed: request.seed, strategy: "random", schedulesRun: 1, failuresSeen: 0)
            }), status: .exited(0))
        }
        XCTAssertEqual(ExerciseChecker(executor: asyncClean).check(exercise.checkInputs).engine, .async)
    }
}
