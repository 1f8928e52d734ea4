import Foundation
import ParLearnKit
import XCTest
@testable import WorkbookCore

final class ExerciseProgressTests: XCTestCase {
    private let now = Date(timeIntervalSince1970: 1_800_000_000)  // 2027-01-15T08:00:00Z

    private func verdict(_ kind: CheckVerdict.Kind, id: String = "counter") -> CheckVerdict {
        CheckVerdict(kind: kind, exerciseID: id, headline: "h", engine: .threads, strategy: "portfolio")
    }

    func testRoundTripIsHumanReadableJSON() throws {
        let fixture = try ExerciseFixture(self)
        let store = ProgressStore(directory: fixture.root.appendingPathComponent("state"))
        var progress = store.load().progress
        XCTAssertEqual(progress, LearnerProgress())
        progress.record(verdict(.failed), at: now)
        progress.record(verdict(.passed, id: "other"), at: now)
        try store.save(progress)
        let loaded = store.load()
        XCTAssertNil(loaded.notice)
        XCTAssertEqual(loaded.progress, progress)
        XCTAssertEqual(loaded.progress["counter"].status, .failed)
        XCTAssertEqual(loaded.progress["other"].firstPassed, now)
        XCTAssertEqual(loaded.progress["never"].status, .untried)
        let text = try String(contentsOf: store.fileURL, encoding: .utf8)
        XCTAssertTrue(text.contains("\"lastChecked\" : \"2027-01-15T08:00:00Z\""), text)
        XCTAssertTrue(text.contains("\"status\" : \"failed\""), text)
    }

    func testInterruptedAndBrokenChecksLeaveProgressAlone() {
        var progress = LearnerProgress()
        progress.record(verdict(.interrupted), at: now)
        progress.record(verdict(.error), at: now)
        XCTAssertEqual(progress, LearnerProgress())
    }

    func testPassingOnceKeepsTheSolutionUnlocked() {
        var progress = LearnerProgress()
        progress.record(verdict(.passed), at: now)
        progress.record(verdict(.timedOut), at: now.addingTimeInterval(60))
        XCTAssertEqual(progress["counter"].status, .failed)
        XCTAssertEqual(progress["counter"].lastVerdict, "timed-out")
        XCTAssertEqual(progress["counter"].firstPassed, now)
    }

    func testCorruptFileIsReportedBackedUpAndRebuiltEmpty() throws {
        let fixture = try ExerciseFixture(self)
        let store = ProgressStore(directory: fixture.root)
        for (bad, reason) in [
            ("{\"version\": 1, \"exercises\": {\"counter\": {\"status\": \"done\"", "not valid JSON"),
            ("{\"version\": 1, \"exercises\": {\"counter\": {\"status\": \"done\"}}}", "exercises.counter.status"),
            ("{\"version\": 1, \"exercises\": {\"counter\": {\"hintsShown\": -2}}}", "negative hintsShown"),
            ("{\"version\": 7, \"exercises\": {}}", "unsupported version 7"),
        ] {
            try Data(bad.utf8).write(to: store.fileURL)
            let loaded = store.load(now: now)
            XCTAssertEqual(loaded.progress, LearnerProgress(), bad)
            let notice = try XCTUnwrap(loaded.notice)
            XCTAssertTrue(notice.contains(reason), "\(notice) should mention \(reason)")
            let backup = fixture.root.appendingPathComponent("progress.corrupt-20270115T080000Z.json")
            XCTAssertEqual(try String(contentsOf: backup, encoding: .utf8), bad, "the bad file is kept")
            XCTAssertTrue(notice.contains(backup.path))
            XCTAssertFalse(FileManager.default.fileExists(atPath: store.fileURL.path))
            try FileManager.default.removeItem(at: backup)
        }
    }

    func testHandWrittenEntriesMayLeaveOutFields() throws {
        let fixture = try ExerciseFixture(self)
        let store = ProgressStore(directory: fixture.root)
        try Data("{\"version\": 1, \"exercises\": {\"counter\": {\"status\": \"passed\"}}}".utf8).write(to: store.fileURL)
        let loaded = store.load()
        XCTAssertNil(loaded.notice)
        XCTAssertEqual(loaded.progress["counter"], ExerciseProgress(status: .passed))
    }

    func testUpdateWritesAtomicallyInANewFolder() throws {
        let fixture = try ExerciseFixture(self)
        let store = ProgressStore(directory: fixture.root.appendingPathComponent("deep/state"))
        try store.update(now: now) { $0.record(verdict(.passed), at: now) }
        XCTAssertEqual(store.load().progress["counter"].status, .passed)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: store.directory.path).filter { $0.hasSuffix(".tmp") }
        XCTAssertEqual(leftovers, [])
    }

    func testHintsComeOneAtATimeThenRepeatTheLast() throws {
        let fixture = try ExerciseFixture(self)
        try fixture.addExercise()
        let exercise = try fixture.exercise()
        var progress = LearnerProgress()
        XCTAssertEqual(progress.revealNextHint(of: exercise), HintReveal(number: 1, total: 2, text: "first hint", repeated: false))
        XCTAssertEqual(progress.revealNextHint(of: exercise), HintReveal(number: 2, total: 2, text: "second hint", repeated: false))
        XCTAssertEqual(progress.revealNextHint(of: exercise), HintReveal(number: 2, total: 2, text: "second hint", repeated: true))
        XCTAssertEqual(progress["counter"].hintsShown, 2)
    }

    func testTableMarksAndPoints() throws {
        let fixture = try ExerciseFixture(self)
        try fixture.addExercise(slug: "a", manifest: ExerciseFixture.manifest(id: "a"))
        try fixture.addExercise(slug: "b", manifest: ExerciseFixture.manifest(id: "b"))
        try fixture.addExercise(chapter: "02-async", slug: "c", manifest: ExerciseFixture.manifest(id: "c"))
        var progress = LearnerProgress()
        progress.record(verdict(.passed, id: "a"), at: now)
        progress.record(verdict(.failed, id: "c"), at: now)
        let table = ExerciseTable(exercises: fixture.load().exercises, progress: progress)
        XCTAssertEqual(table.rows.map(\.symbol), ["✓", "·", "✗"])
        XCTAssertEqual(table.rows.map(\.chapter), ["01-threads", "01-threads", "02-async"])
        XCTAssertEqual(table.pointsEarned, 10)
        XCTAssertEqual(table.pointsTotal, 30)
        XCTAssertEqual(table.passedCount, 1)
    }

    func testSolutionOnlyAfterPassing() throws {
        let fixture = try ExerciseFixture(self)
        try fixture.addExercise()
        let exercise = try fixture.exercise()
        let workspace = ExerciseWorkspace(stateDirectory: fixture.root.appendingPathComponent("state"))
        var progress = LearnerProgress()
        guard case .locked(let why) = workspace.solution(for: exercise, progress: progress) else {
            return XCTFail("the solution must be locked before passing")
        }
        XCTAssertTrue(why.contains("check counter"), why)
        progress.record(verdict(.passed), at: now)
        XCTAssertEqual(workspace.solution(for: exercise, progress: progress), .available([(file: "counter.swift", text: "func value() -> Int { 1 }\n")]))
        XCTAssertEqual(workspace.task(for: exercise), "# Task\nMake it count.\n")
    }

    func testResetRestoresTheStarterAndBacksUpTheLearnersVersion() throws {
        let fixture = try ExerciseFixture(self)
        try fixture.addExercise()
        let exercise = try fixture.exercise()
        let state = fixture.root.appendingPathComponent("state")
        let workspace = ExerciseWorkspace(stateDirectory: state)
        let learner = exercise.learnerURLs[0]
        try Data("my attempt\n".utf8).write(to: learner)

        let outcome = try workspace.reset(exercise, now: now)
        XCTAssertEqual(try String(contentsOf: learner, encoding: .utf8), "func value() -> Int { 0 }\n")
        XCTAssertEqual(outcome.restored, [learner])
        XCTAssertEqual(outcome.backups, [state.appendingPathComponent("backups/counter/20270115T080000Z/counter.swift")])
        XCTAssertEqual(try String(contentsOf: outcome.backups[0], encoding: .utf8), "my attempt\n")

        let again = try workspace.reset(exercise, now: now.addingTimeInterval(1))
        XCTAssertEqual(again.backups, [], "an untouched starter needs no backup")

        try FileManager.default.removeItem(at: learner)
        XCTAssertEqual(try workspace.reset(exercise, now: now).restored, [learner], "a deleted learner file comes back")

        try FileManager.default.removeItem(at: exercise.starterURL(for: "counter.swift"))
        try Data("keep me\n".utf8).write(to: learner)
        XCTAssertThrowsError(try workspace.reset(exercise, now: now))
        XCTAssertEqual(try String(contentsOf: learner, encoding: .utf8), "keep me\n", "nothing is lost when the starter is missing")
    }
}

final class ExerciseProgressNavigationTests: XCTestCase {
    func testCurrentExerciseRoundTrips() throws {
        let fixture = try ExerciseFixture(self)
        try fixture.addExercise(slug: "a", manifest: ExerciseFixture.manifest(id: "a"))
        try fixture.addExercise(slug: "b", manifest: ExerciseFixture.manifest(id: "b"))
        var progress = LearnerProgress(current: "b")
        progress.record(
            CheckVerdict(kind: .passed, exerciseID: "a", headline: "", engine: .threads, strategy: "portfolio"),
            at: Date(timeIntervalSince1970: 0))
        let store = ProgressStore(directory: fixture.root)
        try store.save(progress)
        XCTAssertEqual(store.load().progress.current, "b")
        XCTAssertEqual(store.load().progress["a"].status, .passed)
    }
}
