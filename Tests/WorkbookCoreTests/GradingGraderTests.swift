import Foundation
import ParLearnKit
import XCTest
@testable import WorkbookCore

final class GradingGraderTests: XCTestCase {
    /// Every run is a complete, clean report of the fixture's two scenarios.
    private func executor() -> FakeExecutor {
        FakeExecutor(explore: FakeExecutor.clean(["one", "two"]))
    }

    func testGradesEveryExerciseAndCarriesOnPastABrokenOne() throws {
        let fixture = try ExerciseFixture(self)
        try fixture.addExercise(slug: "a", manifest: ExerciseFixture.manifest(id: "a"))
        try fixture.addExercise(slug: "broken", manifest: "id: broken\ntitle: [\n")
        let c = try fixture.addExercise(chapter: "02-async", slug: "c", manifest: ExerciseFixture.manifest(id: "c"))
        try FileManager.default.removeItem(at: c.appendingPathComponent("counter.swift"))
        try fixture.write(ChecksLock.compute(for: fixture.load()).text, to: fixture.root.appendingPathComponent("checks.lock"))

        let grader = Grader(checker: ExerciseChecker(executor: executor()))
        let report = grader.grade(submissionRoot: fixture.root)
        XCTAssertEqual(report.exercises.map(\.id), ["01-threads/broken", "a", "c"])
        XCTAssertEqual(report.exercises.map(\.status), [.error, .pass, .error])
        XCTAssertTrue(report.exercises[0].message.hasPrefix("the exercise could not be loaded: malformed YAML"), report.exercises[0].message)
        XCTAssertTrue(report.exercises[2].message.hasPrefix("counter.swift is missing"), report.exercises[2].message)
        XCTAssertEqual(report.score, 10)
        XCTAssertEqual(report.warnings, [])
    }

    func testWarnsWhenCheckFilesDifferFromTheLock() throws {
        let fixture = try ExerciseFixture(self)
        let folder = try fixture.addExercise()
        let grader = Grader(checker: ExerciseChecker(executor: executor()))
        XCTAssertEqual(grader.grade(submissionRoot: fixture.root).warnings.count, 1, "no lock: one warning that edits cannot be detected")
        try fixture.write(ChecksLock.compute(for: fixture.load()).text, to: fixture.root.appendingPathComponent("checks.lock"))
        XCTAssertEqual(grader.grade(submissionRoot: fixture.root).warnings, [])
        try fixture.write(ExerciseFixture.manifest(id: "counter").replacingOccurrences(of: "schedules: 50", with: "schedules: 1"), to: folder.appendingPathComponent("exercise.yml"))
        XCTAssertEqual(grader.grade(submissionRoot: fixture.root).warnings, [
            "check content changed: 01-threads/counter/exercise.yml (counter) differs from its recorded hash and scores 0; "
                + "grade with --checks DIR to use the pristine copy",
        ])
    }

    /// The hole of issue 14: deleting or breaking an exercise must not drop it out of the maximum.
    func testEveryLockedExerciseCountsTowardTheMaximumWhetherOrNotItLoads() throws {
        let fixture = try ExerciseFixture(self)
        for slug in ["a", "b", "c", "d"] { try fixture.addExercise(slug: slug, manifest: ExerciseFixture.manifest(id: slug)) }
        try fixture.write(ChecksLock.compute(for: fixture.load()).text, to: fixture.root.appendingPathComponent("checks.lock"))
        let chapter = fixture.root.appendingPathComponent("01-threads")
        try FileManager.default.removeItem(at: chapter.appendingPathComponent("b"))
        try FileManager.default.removeItem(at: chapter.appendingPathComponent("c/check.swift"))
        try fixture.write("id: d\ntitle: [\n", to: chapter.appendingPathComponent("d/exercise.yml"))

        let executor = executor()
        let report = Grader(checker: ExerciseChecker(executor: executor)).grade(submissionRoot: fixture.root)
        XCTAssertEqual(report.exercises.map(\.maxScore), [10, 10, 10, 10], report.exercises.map(\.id).description)
        XCTAssertEqual(report.exercises.map(\.score).reduce(0, +), 10)
        XCTAssertEqual(report.percent, 25)
        XCTAssertFalse(report.meets(failUnder: 60))
        XCTAssertTrue(report.warnings.contains("01-threads/b is named in checks.lock but is missing; it scores 0"),
                      report.warnings.description)
        XCTAssertTrue(report.warnings.contains { $0.hasPrefix("01-threads/c is named in checks.lock but does not load") },
                      report.warnings.description)
        XCTAssertTrue(report.warnings.contains { $0.hasPrefix("01-threads/d is named in checks.lock but does not load") },
                      report.warnings.description)
    }

    func testAnAlteredCheckScoresZeroAndIsNeverRun() throws {
        let fixture = try ExerciseFixture(self)
        let folder = try fixture.addExercise()
        try fixture.write(ChecksLock.compute(for: fixture.load()).text, to: fixture.root.appendingPathComponent("checks.lock"))
        try fixture.write("import ParLearnKit\nscenario(\"one\") { }\nscenario(\"two\") { }\n",
                          to: folder.appendingPathComponent("check.swift"))
        let executor = executor()
        let report = Grader(checker: ExerciseChecker(executor: executor)).grade(submissionRoot: fixture.root)
        XCTAssertEqual(report.exercises.map(\.score), [0])
        XCTAssertEqual(report.exercises.map(\.maxScore), [10])
        XCTAssertEqual(report.exercises.map(\.status), [.error])
        XCTAssertEqual(executor.requests.count, 0, "an altered check is not run at all")
        XCTAssertEqual(report.warnings, [
            "check content changed: 01-threads/counter/check.swift (counter) differs from its recorded hash and scores 0; "
                + "grade with --checks DIR to use the pristine copy",
        ])
    }

    func testAnExerciseTheLockDoesNotNameAddsNothingToTheScore() throws {
        let fixture = try ExerciseFixture(self)
        try fixture.addExercise(slug: "a", manifest: ExerciseFixture.manifest(id: "a"))
        try fixture.write(ChecksLock.compute(for: fixture.load()).text, to: fixture.root.appendingPathComponent("checks.lock"))
        try fixture.addExercise(slug: "bonus", manifest: ExerciseFixture.manifest(id: "bonus")
            .replacingOccurrences(of: "points: 10", with: "points: 1000"))
        let report = Grader(checker: ExerciseChecker(executor: executor())).grade(submissionRoot: fixture.root)
        XCTAssertEqual(report.maxScore, 10)
        XCTAssertEqual(report.score, 10)
        XCTAssertEqual(report.warnings.count, 1, report.warnings.description)
    }

    func testTheLockRecordsPointsAndStaysReadableBySha256sum() throws {
        let fixture = try ExerciseFixture(self)
        try fixture.addExercise()
        let lock = ChecksLock.compute(for: fixture.load())
        XCTAssertEqual(lock.points, ["01-threads/counter": 10])
        XCTAssertTrue(lock.text.hasSuffix("# points 10  01-threads/counter\n"), lock.text)
        XCTAssertEqual(try ChecksLock.parse(lock.text), lock)
        XCTAssertThrowsError(try ChecksLock.parse("# points ten  01-threads/counter\n"))
    }

    func testChecksDirTakesCheckBudgetAndPointsFromThePristineCopy() throws {
        let pristine = try ExerciseFixture(self)
        try pristine.addExercise(manifest: ExerciseFixture.manifest(id: "counter").replacingOccurrences(of: "points: 10", with: "points: 25"))
        let student = try ExerciseFixture(self)
        // The student weakened everything: one schedule, 100 points, a check with no invariant.
        let weakened = ExerciseFixture.manifest(id: "counter")
            .replacingOccurrences(of: "schedules: 50", with: "schedules: 1")
            .replacingOccurrences(of: "points: 10", with: "points: 100")
        let folder = try student.addExercise(manifest: weakened, learner: "func value() -> Int { 42 }\n", check: "import ParLearnKit\nscenario(\"one\") { }\nscenario(\"two\") { }\n")

        let executor = executor()
        let grader = Grader(checker: ExerciseChecker(executor: executor))
        let report = grader.grade(submissionRoot: student.root, pristineRoot: pristine.root, options: .init(seed: 40))
        XCTAssertEqual(report.exercises.map(\.maxScore), [25])
        XCTAssertEqual(report.seed, 40)
        XCTAssertEqual(executor.requests.map(\.schedules), [50, 50], "the pristine budget")
        XCTAssertEqual(executor.requests.map(\.seed), [40, 41], "--seed renumbers the seeds")
        let compiled = try XCTUnwrap(executor.compiled.first)
        XCTAssertEqual(compiled.main.path, pristine.root.appendingPathComponent("01-threads/counter/check.swift").standardizedFileURL.path)
        XCTAssertEqual(compiled.files.map(\.path), [folder.appendingPathComponent("counter.swift").path], "the student's own code")
        XCTAssertEqual(report.warnings, [], "the student's lock is irrelevant with --checks")
    }

    func testChecksDirGradesAnExerciseTheStudentDeleted() throws {
        let pristine = try ExerciseFixture(self)
        try pristine.addExercise()
        let student = try ExerciseFixture(self)
        let report = Grader(checker: ExerciseChecker(executor: executor())).grade(submissionRoot: student.root, pristineRoot: pristine.root)
        XCTAssertEqual(report.exercises.map(\.status), [.error])
        XCTAssertEqual(report.exercises.map(\.maxScore), [10])
        XCTAssertTrue(report.exercises[0].message.hasPrefix("counter.swift is missing"))
    }

    func testSameSubmissionGivesByteIdenticalDeterministicReports() throws {
        let fixture = try ExerciseFixture(self)
        try fixture.addExercise(slug: "a", manifest: ExerciseFixture.manifest(id: "a"))
        try fixture.addExercise(slug: "b", manifest: ExerciseFixture.manifest(id: "b"))
        let failing = FakeExecutor { request in
            request.seed == 1 ? FakeExecutor.clean(["one", "two"])(request) : FakeExecutor.lostUpdate(in: request)
        }
        let grader = Grader(checker: ExerciseChecker(executor: failing))
        let first = grader.grade(submissionRoot: fixture.root)
        let second = grader.grade(submissionRoot: fixture.root)
        for format in GradeFormat.allCases {
            XCTAssertEqual(format.render(first, includeDurations: false), format.render(second, includeDurations: false), format.rawValue)
        }
    }
}
