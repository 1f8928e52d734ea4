import Foundation
import ParLearnKit
import Synchronization
import XCTest

@testable import WorkbookCore

/// The application logic the commands call, built in-process with a fake executor.
final class ContentVerifierTests: XCTestCase {
    func testStartersMustFailAndSolutionsPassAndEachResultIsWorded() throws {
        let fixture = try ExerciseFixture(self)
        try fixture.addExercise()
        let none = ChapterLibrary.load(from: fixture.root.appendingPathComponent("none"))
        let cases = ContentVerifier.cases(library: none, catalog: fixture.load(), seeds: [0])
        XCTAssertEqual(cases.map(\.label), ["counter starter (seed 1)", "counter starter (seed 2)", "counter solution"])
        // Every run finds the lost update: the starters show what they must, the solution does not.
        let checker = ExerciseChecker(executor: FakeExecutor(explore: FakeExecutor.lostUpdate))
        var lines: [String] = []
        let summary = ContentVerifier(checker: checker).run(cases, contentProblems: ["x.yml: broken"]) {
            lines.append($0.summary)
        }
        XCTAssertEqual(summary.passed, 2)
        XCTAssertEqual(summary.failures.count, 2)
        XCTAssertEqual(summary.failures.first, "content: x.yml: broken")
        XCTAssertEqual(summary.exitStatus, 1)
        XCTAssertEqual(lines.first, "counter starter (seed 1) must fail its check (invariant after 7 schedules)")
        XCTAssertTrue(lines.last!.hasPrefix("counter solution: it should pass its check, but"), lines.last!)
    }

    func testOnlyNarrowsToOneExerciseAndACleanRunExitsZero() throws {
        let fixture = try ExerciseFixture(self)
        try fixture.addExercise(slug: "a", manifest: ExerciseFixture.manifest(id: "a"))
        try fixture.addExercise(slug: "b", manifest: ExerciseFixture.manifest(id: "b"))
        let library = ChapterLibrary.load(from: fixture.root.appendingPathComponent("none"))
        let cases = ContentVerifier.cases(library: library, catalog: fixture.load(), seeds: [0], only: "b")
        let solutions = cases.filter { $0.expectation == .passes }
        XCTAssertEqual(solutions.map(\.label), ["b solution"])
        let checker = ExerciseChecker(executor: FakeExecutor(explore: FakeExecutor.clean(["one", "two"])))
        let summary = ContentVerifier(checker: checker).run(solutions) { _ in }
        XCTAssertEqual(summary, ContentVerifier.Summary(passed: 1, failures: [], interrupted: false))
        XCTAssertEqual(summary.exitStatus, 0)
    }

    func testCtrlCStopsTheRun() throws {
        let fixture = try ExerciseFixture(self)
        try fixture.addExercise()
        let cases = ContentVerifier.cases(library: ChapterLibrary.load(from: fixture.root), catalog: fixture.load(),
                                          seeds: [0])
        let executor = FakeExecutor { _ in .incomplete(status: .interrupted(signal: SIGINT), reason: "interrupted") }
        var reported = 0
        let summary = ContentVerifier(checker: ExerciseChecker(executor: executor)).run(cases) { _ in reported += 1 }
        XCTAssertTrue(summary.interrupted)
        XCTAssertEqual(reported, 0)
        XCTAssertEqual(executor.requests.count, 1, "nothing runs after the interrupted case")
        XCTAssertEqual(summary.exitStatus, 1)
    }

    /// Cases checked four at a time are reported in case order with the same words, though the
    /// later ones finish first (each call sleeps less than the one before it).
    func testJobsChangeNeitherTheOrderNorTheWords() throws {
        let fixture = try ExerciseFixture(self)
        for slug in ["a", "b", "c"] { try fixture.addExercise(slug: slug, manifest: ExerciseFixture.manifest(id: slug)) }
        let cases = ContentVerifier.cases(library: ChapterLibrary.load(from: fixture.root.appendingPathComponent("none")),
                                          catalog: fixture.load(), seeds: [0])
        func lines(jobs: Int) -> [String] {
            let calls = Synchronization.Atomic(0)
            let executor = FakeExecutor { request in
                let call = calls.add(1, ordering: .relaxed).oldValue
                usleep(UInt32(max(0, 8 - call)) * 20_000)
                return FakeExecutor.lostUpdate(in: request)
            }
            var lines: [String] = []
            let summary = ContentVerifier(checker: ExerciseChecker(executor: executor)).run(cases, jobs: jobs) {
                lines.append($0.summary)
            }
            XCTAssertEqual(executor.requests.count, cases.count)
            return lines + ["\(summary.passed) passed, \(summary.failures.count) failed"]
        }
        let serial = lines(jobs: 1)
        XCTAssertEqual(serial.count, cases.count + 1)
        XCTAssertEqual(lines(jobs: 4), serial)
    }

    func testCtrlCStopsAParallelRunBeforeTheNextCase() throws {
        let fixture = try ExerciseFixture(self)
        for slug in ["a", "b"] { try fixture.addExercise(slug: slug, manifest: ExerciseFixture.manifest(id: slug)) }
        let cases = ContentVerifier.cases(library: ChapterLibrary.load(from: fixture.root), catalog: fixture.load(),
                                          seeds: [0])
        XCTAssertGreaterThan(cases.count, 2)
        let executor = FakeExecutor { _ in .incomplete(status: .interrupted(signal: SIGINT), reason: "interrupted") }
        var reported = 0
        let summary = ContentVerifier(checker: ExerciseChecker(executor: executor)).run(cases, jobs: 2) { _ in
            reported += 1
        }
        XCTAssertTrue(summary.interrupted)
        XCTAssertEqual(reported, 0)
        XCTAssertLessThanOrEqual(executor.requests.count, 2, "no case starts after an interrupted one")
    }
}

final class ProgressRebuildTests: XCTestCase {
    func testRebuildRecordsEveryExerciseAndStopsAtCtrlC() throws {
        let fixture = try ExerciseFixture(self)
        try fixture.addExercise(slug: "a", manifest: ExerciseFixture.manifest(id: "a"))
        try fixture.addExercise(slug: "b", manifest: ExerciseFixture.manifest(id: "b"))
        let catalog = fixture.load()
        var progress = LearnerProgress()
        var heard: [String] = []
        let checker = ExerciseChecker(executor: FakeExecutor(explore: FakeExecutor.lostUpdate))
        progress.rebuild(from: catalog, checker: checker, now: { Date(timeIntervalSince1970: 5) }) { exercise, status in
            heard.append("\(status.symbol) \(exercise.id)")
        }
        XCTAssertEqual(heard, ["✗ a", "✗ b"])
        XCTAssertEqual(progress["a"].status, .failed)
        XCTAssertEqual(progress["b"].lastChecked, Date(timeIntervalSince1970: 5))

        var stopped = LearnerProgress()
        let interrupted = FakeExecutor { _ in .incomplete(status: .interrupted(signal: SIGINT), reason: "interrupted") }
        stopped.rebuild(from: catalog, checker: ExerciseChecker(executor: interrupted)) { _, _ in XCTFail("recorded") }
        XCTAssertEqual(stopped, LearnerProgress())
        XCTAssertEqual(interrupted.requests.count, 1)
    }
}

final class SaveWatcherTests: XCTestCase {
    /// Counts the watcher's looks at the file, which is saved once, at the second look.
    private final class Looks {
        var polls = 0
        var changes = 0
    }

    private func watcher(_ folder: TemporaryFolder, _ looks: Looks) -> SaveWatcher {
        let file = folder.write("counter.swift", "let a = 1\n")
        return SaveWatcher(files: [file], interval: .milliseconds(1)) { _ in
            looks.polls += 1
            if looks.polls == 2 { folder.write("counter.swift", "let a = 12\n") }  // a save: the size changes
        }
    }

    func testActsAtOnceThenAfterEachSaveUntilStopped() throws {
        let folder = TemporaryFolder()
        let looks = Looks()
        let ended = watcher(folder, looks).watch(stopRequested: { looks.polls >= 4 }) {
            looks.changes += 1
            return .keepWatching
        }
        XCTAssertEqual(looks.changes, 2, "once at the start, once for the save")
        XCTAssertEqual(looks.polls, 4)
        XCTAssertEqual(ended, .stopped)
    }

    /// `watch` moves on after a pass: the action ends the watch on the save that passed.
    func testTheActionCanEndTheWatch() throws {
        let folder = TemporaryFolder()
        let looks = Looks()
        let ended = watcher(folder, looks).watch(stopRequested: { looks.polls >= 50 }) {
            looks.changes += 1
            return looks.changes == 2 ? .done : .keepWatching
        }
        XCTAssertEqual(ended, .done)
        XCTAssertEqual(looks.changes, 2)
        XCTAssertEqual(looks.polls, 2, "no wait after the pass")
    }

    /// A Ctrl-C that came during the action (a check) stops the watch at once.
    func testTheActionCanStopTheWatch() throws {
        let folder = TemporaryFolder()
        let looks = Looks()
        let ended = watcher(folder, looks).watch(stopRequested: { false }) {
            looks.changes += 1
            return .stopped
        }
        XCTAssertEqual(ended, .stopped)
        XCTAssertEqual(looks.changes, 1)
        XCTAssertEqual(looks.polls, 0, "no wait after the stop")
    }
}

final class KitBootstrapTests: XCTestCase {
    func testBuildsOnlyWhenTheKitIsMissing() {
        var building = 0
        let present = KitLocation.bootstrap(isPresent: { true }, build: { XCTFail("built"); return nil }) {
            building += 1
        }
        XCTAssertEqual(present, .present)
        XCTAssertEqual(KitLocation.bootstrap(isPresent: { false }, build: { nil }) { building += 1 }, .built)
        let long = String(repeating: "x", count: 3000) + "error: no space"
        let failed = KitLocation.bootstrap(isPresent: { false }, build: { long }, onBuilding: {})
        guard case .failed(let output) = failed else {
            return XCTFail("a failed build is reported")
        }
        XCTAssertEqual(building, 1)
        XCTAssertEqual(output.count, 2000)
        XCTAssertTrue(output.hasSuffix("error: no space"))
    }
}

final class ExitStatusTests: XCTestCase {
    func testVerdictsAndRunsMapToTheDocumentedStatuses() {
        func status(_ kind: CheckVerdict.Kind) -> Int32 {
            CheckVerdict(kind: kind, exerciseID: "x", headline: "", engine: .threads, strategy: "pct").exitStatus
        }
        XCTAssertEqual(status(.passed), 0)
        XCTAssertEqual(status(.failed), 1)
        XCTAssertEqual(status(.timedOut), 1)
        XCTAssertEqual(status(.doesNotCompile), 2)
        XCTAssertEqual(status(.error), 2)
        XCTAssertEqual(RunStatus.exited(0).exitStatus, 0)
        XCTAssertEqual(RunStatus.exited(3).exitStatus, 1)
    }
}

final class TranscriptRefreshTests: XCTestCase {
    private func chapter(in folder: TemporaryFolder, markdown: String) {
        folder.write("01-demo/chapter.yml", """
            title: Demo
            summary: A demo.
            programs:
              - name: racy
                demonstrates: A lost update.
                expect: bug
            """)
        folder.write("01-demo/racy.swift", "import ParLearnKit\n")
        folder.write("01-demo/chapter.md", markdown)
    }

    func testQuotedOutputIsRefilledFromSeedZeroAndWrittenBack() throws {
        let folder = TemporaryFolder()
        chapter(in: folder, markdown: "# Demo\n\n<!-- checker-output racy -->\nold\n<!-- /checker-output -->\n")
        let seeds = Mutex<[UInt64]>([])
        let refresh = TranscriptRefresh.compute(library: ChapterLibrary.load(from: folder.url)) { target, request, _ in
            seeds.withLock { $0.append(request.seed) }
            XCTAssertEqual(target.commandName, "01-demo/racy")
            return FakeExecutor.lostUpdate(in: request)
        }
        XCTAssertEqual(seeds.withLock { $0 }, [0])
        XCTAssertEqual(refresh.problems, [])
        XCTAssertEqual(refresh.updates.map(\.name), ["01-demo/chapter.md"])
        let text = try XCTUnwrap(refresh.updates.first?.markdown)
        XCTAssertTrue(text.contains("```text\n$ parlearn explore 01-demo/racy\n"), text)
        XCTAssertFalse(text.contains("\nold\n"), text)
        XCTAssertEqual(refresh.write(), [])
        let written = try String(contentsOf: folder.url.appendingPathComponent("01-demo/chapter.md"), encoding: .utf8)
        XCTAssertEqual(written, text)

        let again = TranscriptRefresh.compute(library: ChapterLibrary.load(from: folder.url)) { _, request, _ in
            FakeExecutor.lostUpdate(in: request)
        }
        XCTAssertEqual(again.updates, [], "up to date once written")
    }

    func testTheREADMEQuotesProgramsByChapterAndName() {
        let folder = TemporaryFolder()
        chapter(in: folder, markdown: "# Demo\n")
        let readme = folder.write("README.md", "<!-- checker-output 01-demo/racy -->\n<!-- /checker-output -->\n")
        let refresh = TranscriptRefresh.compute(library: ChapterLibrary.load(from: folder.url), readme: readme) {
            _, request, _ in FakeExecutor.lostUpdate(in: request)
        }
        XCTAssertEqual(refresh.problems, [])
        XCTAssertEqual(refresh.updates.map(\.name), ["README.md"])
    }

    func testAnUndeclaredProgramIsAProblemNotAnExploration() {
        let folder = TemporaryFolder()
        chapter(in: folder, markdown: "<!-- checker-output ghost -->\n<!-- /checker-output -->\n")
        let refresh = TranscriptRefresh.compute(library: ChapterLibrary.load(from: folder.url)) { _, _, _ in
            XCTFail("explored")
            return .incomplete(status: .exited(1), reason: "")
        }
        XCTAssertEqual(refresh.updates, [])
        XCTAssertEqual(refresh.problems,
                       ["01-demo/chapter.md quotes checker output of 'ghost', which no chapter.yml declares"])
    }
}

final class DoctorTests: XCTestCase {
    /// The real toolchain and kit (the test bundle sits next to the built kit): every check passes
    /// but the chapters one, whose folder is empty.
    func testReportsEachCheckInOrder() throws {
        let folder = TemporaryFolder()
        let paths = WorkbookPaths(chapters: folder.url.appendingPathComponent("chapters"),
                                  exercises: folder.url.appendingPathComponent("exercises"),
                                  state: folder.url.appendingPathComponent("state"),
                                  cache: folder.url.appendingPathComponent("cache"))
        var checks: [Doctor.Check] = []
        let healthy = Doctor(paths: paths).run(library: ChapterLibrary.load(from: paths.chapters)) { checks.append($0) }
        XCTAssertFalse(healthy)
        XCTAssertEqual(checks.map(\.ok), [false, true, true, true, true], checks.map(\.text).joined(separator: "\n"))
        XCTAssertTrue(checks[0].text.hasPrefix("0 chapters in"), checks[0].text)
        XCTAssertTrue(checks[1].text.hasPrefix("compiler: "), checks[1].text)
        XCTAssertTrue(checks[2].text.hasSuffix("/libParLearnKit.so"), checks[2].text)
        XCTAssertTrue(checks[4].text.hasPrefix("state: "), checks[4].text)
    }
}
