import Foundation
import ParLearnKit
import XCTest

@testable import WorkbookCore

/// The words of issue 14: crashes name the learner's line, errors name what is wrong, counts
/// agree with their nouns.
final class LearnerMessagesTests: XCTestCase {
    /// Swift 6.3's backtrace of an out-of-bounds read in a kit thread (trimmed, addresses kept).
    private let outOfBounds = """
        slot 0
        Swift/ContiguousArrayBuffer.swift:692: Fatal error: Index out of range

        *** Signal 4: Backtracing from 0x7f5487b6df7f... done ***

        *** Program crashed: Illegal instruction at 0x00000000000043ba ***

        Thread 3 crashed:

          0      0x00007f5487b6df7f closure #1 in _assertionFailure(_:_:file:line:flags:) + 623 in libswiftCore.so
          1 [ra] 0x00007f5487cf961f _assertionFailure(_:_:file:line:flags:) + 302 in libswiftCore.so
          2 [ra] 0x00007f54881ecf65 specialized Array.subscript.getter + 84 in libswiftSwiftOnoneSupport.so
          3 [ra] 0x000056122d71f5cb HitCounter.increment() + 298 in program at /tmp/ex/counter/counter.swift:8:28
          4 [ra] 0x000056122d71fbeb closure #1 in  + 26 in program at /tmp/cache/build/x/work-1/main.swift:6:63
          5 [ra] 0x00007f548655dce0 spawn<A>(_:_:) + 159 in libParLearnKit.so at /w/ParLearnKit/Spawn.swift:24:76
        ...

        Backtrace took 0.64s

        after the crash
        """

    private let overflow = """
        *** Signal 11: Backtracing from 0x564872722df7... done ***

        *** Program crashed: Bad pointer dereference at 0x00007ffd0124bff8 ***

        Thread 0 "program" crashed:

           ...
        174671 [ra] 0x0000564872722e1b f(_:) + 58 in program at /tmp/w/so.swift:1:34
        174672 [ra] 0x0000564872722e1b f(_:) + 58 in program at /tmp/w/so.swift:1:34
        174673 [ra] 0x0000564872722eef main + 30 in program at /tmp/w/so.swift:2:7
           ...

        Backtrace took 0.56s
        """

    func testACrashNamesTheFirstLearnerFrameNotTheLibraryFile() throws {
        let cause = try XCTUnwrap(CrashCause.read(from: outOfBounds, signal: SIGILL, mainFileName: "check.swift"))
        XCTAssertEqual(
            cause, CrashCause(reason: "Index out of range", file: "counter.swift", line: 8, stackOverflow: false))
        XCTAssertEqual(
            RunStatus.signaled(SIGILL).summary(crash: cause),
            "crashed: Index out of range at counter.swift:8 (SIGILL, a Swift runtime trap)")
        let record = try XCTUnwrap(CrashRecord(line: "crash\t4\ttwo\tT1\tT1-b"))
        var explained = record
        explained.cause = cause
        XCTAssertEqual(
            VerdictWording.crashHeadline(record: explained, signal: SIGILL),
            "crashed in thread T1 of scenario \"two\": Index out of range at counter.swift:8 "
                + "(SIGILL, a Swift runtime trap)"
        )
    }

    func testAFrameInTheCheckIsNamedByTheCheckFile() throws {
        let inCheck = outOfBounds.replacingOccurrences(
            of: "/tmp/ex/counter/counter.swift:8:28", with: "<compiler-generated>")
        let cause = try XCTUnwrap(CrashCause.read(from: inCheck, signal: SIGILL, mainFileName: "check.swift"))
        XCTAssertEqual(cause.file, "check.swift")
        XCTAssertEqual(cause.line, 6)
    }

    func testADeepSegfaultIsAStackOverflow() throws {
        let cause = try XCTUnwrap(CrashCause.read(from: overflow, signal: SIGSEGV))
        XCTAssertTrue(cause.stackOverflow)
        XCTAssertEqual(cause.summary, "stack overflow at so.swift:1: a function that calls itself without end?")
        let shallow = overflow.replacingOccurrences(of: "17467", with: "")
        XCTAssertEqual(
            CrashCause.read(from: shallow, signal: SIGSEGV)?.stackOverflow, false, "a shallow fault is not an overflow")
        XCTAssertNil(CrashCause.read(from: "just output\n", signal: SIGSEGV))
        XCTAssertEqual(
            CrashCause.read(from: shallow, signal: SIGSEGV)?.reason, "Bad pointer dereference",
            "no address: it changes from run to run, and grades must not")
    }

    func testTheBacktraceDumpIsLeftOutOfTheShownOutput() {
        XCTAssertEqual(
            CrashCause.withoutBacktrace(outOfBounds),
            "slot 0\nSwift/ContiguousArrayBuffer.swift:692: Fatal error: Index out of range\n\nafter the crash")
        XCTAssertEqual(CrashCause.withoutBacktrace("plain\n"), "plain\n")
        let complaint = "swift-runtime: failed to suspend thread 9490 while processing a crash"
        XCTAssertEqual(CrashCause.withoutBacktrace("a\n\(complaint)\nb\n"), "a\nb\n")
    }

    func testCountsAgreeWithTheirNouns() {
        XCTAssertEqual(counted(1, "schedule"), "1 schedule")
        XCTAssertEqual(counted(0, "schedule"), "0 schedules")
        XCTAssertEqual(counted(3, "schedule"), "3 schedules")
        var report = ScenarioReport(
            scenario: "s", engine: .threads, verdict: .clean, message: "", seed: 0,
            strategy: "random", schedulesRun: 1, failuresSeen: 0)
        XCTAssertEqual(report.summaryLine, "s: clean, 1 schedule explored. A pass is not a proof.")
        report.schedulesRun = 2
        XCTAssertEqual(report.summaryLine, "s: clean, 2 schedules explored. A pass is not a proof.")
    }

    func testGradingRefusesAMissingOrEmptyExercisesFolder() throws {
        let folder = TemporaryFolder()
        let missing = folder.url.appendingPathComponent("nowhere")
        XCTAssertEqual(
            Grader.nothingToGrade(in: missing),
            "nothing to grade: the exercises folder \(missing.path) does not exist (PARLEARN_EXERCISES chooses another)"
        )
        XCTAssertEqual(
            Grader.nothingToGrade(in: folder.url),
            "nothing to grade: \(folder.url.path) holds no exercise folders (chapter/exercise/exercise.yml)")
        folder.write("01-threads/broken/exercise.yml", "id: [\n")
        XCTAssertNil(Grader.nothingToGrade(in: folder.url), "a broken exercise is graded as an error, not refused")
    }

    func testAWrongScenarioNameListsTheScenariosThereAre() {
        let folder = TemporaryFolder()
        let file = folder.write("racy.swift", "scenario(\"two increments\") {}\nscenario(\"three\") {}\n")
        let target = ProgramTarget.file(file)
        XCTAssertNil(target.unknownScenario("three"))
        XCTAssertEqual(
            target.unknownScenario("two incr"),
            "racy.swift has no scenario named 'two incr'; its scenarios: 'two increments', 'three'")
        let computed = folder.write("dyn.swift", "for n in 1...2 { scenario(\"case \\(n)\") {} }\nscenario(name) {}\n")
        XCTAssertNil(
            ProgramTarget.file(computed).unknownScenario("case 9"), "a computed name cannot be judged from the source")
    }

    func testABrokenChapterGivesItsErrorNotUnknownChapter() {
        let folder = TemporaryFolder()
        folder.write("01-threads/chapter.yml", "title: [\n")
        folder.write("01-threads/chapter.md", "# x\n")
        let library = ChapterLibrary.load(from: folder.url)
        XCTAssertTrue(
            library.notFound("01-threads").hasPrefix("chapter 01-threads did not load: 01-threads/chapter.yml:"),
            library.notFound("01-threads"))
        XCTAssertTrue(
            library.notFound("threads").hasPrefix("chapter 01-threads did not load:"), library.notFound("threads"))
        XCTAssertEqual(library.notFound("nosuch"), "unknown chapter 'nosuch'")
    }

    func testAfterAPassTheNextUnpassedExerciseIsNamed() throws {
        let fixture = try ExerciseFixture(self)
        for slug in ["a", "b", "c"] {
            try fixture.addExercise(slug: slug, manifest: ExerciseFixture.manifest(id: slug))
        }
        let catalog = fixture.load()
        var progress = LearnerProgress()
        progress["b"] = ExerciseProgress(status: .passed)
        XCTAssertEqual(catalog.next(after: "a", progress: progress)?.id, "c", "a passed exercise is skipped")
        XCTAssertEqual(catalog.next(after: "c", progress: progress)?.id, "a", "it wraps to an earlier one")
        XCTAssertEqual(
            catalog.nextStep(after: "a", progress: progress),
            "Next: c, Counter c. `start c` shows its task; `check` now checks it.")
        progress["a"] = ExerciseProgress(status: .passed)
        progress["c"] = ExerciseProgress(status: .passed)
        XCTAssertNil(catalog.next(after: "a", progress: progress))
        XCTAssertEqual(catalog.nextStep(after: "a", progress: progress), "Every exercise has passed. Well done.")
    }

    func testAnEditedCheckIsWarnedAboutAtCheckTime() throws {
        let fixture = try ExerciseFixture(self)
        let folder = try fixture.addExercise()
        let exercise = try XCTUnwrap(fixture.load().exercises.first)
        XCTAssertNil(fixture.load().lockWarning(for: exercise), "no lock, nothing to compare")
        try fixture.write(
            ChecksLock.compute(for: fixture.load()).text, to: fixture.root.appendingPathComponent("checks.lock"))
        XCTAssertNil(fixture.load().lockWarning(for: exercise))
        try fixture.write(
            ExerciseFixture.checkSource + "// weakened\n", to: folder.appendingPathComponent("check.swift"))
        let warning = try XCTUnwrap(fixture.load().lockWarning(for: exercise))
        XCTAssertTrue(
            warning.hasPrefix("warning: 01-threads/counter/check.swift (counter) differs from its recorded hash"),
            warning)
    }

    func testReadNumberOpensThatSection() {
        let sections = ["Intro", "Races", "Locks 2"].map { RenderedSection(title: $0, lines: [$0]) }
        guard case .found(1) = RenderedSection.find("2", in: sections) else { return XCTFail("read 2 is Races") }
        guard case .notFound = RenderedSection.find("9", in: sections) else { return XCTFail("there is no section 9") }
        guard case .found(2) = RenderedSection.find("locks 2", in: sections) else {
            return XCTFail("a title still wins")
        }
    }

    func testShowStopsAtTheStartOfAHugeFile() throws {
        let folder = TemporaryFolder()
        let huge = folder.write("huge.swift", (1...5000).map { "let x\($0) = \($0)" }.joined(separator: "\n") + "\n")
        let excerpt = try XCTUnwrap(SourceExcerpt.read(huge, maxLines: 100))
        XCTAssertEqual(excerpt.text.split(separator: "\n").count, 100)
        XCTAssertEqual(excerpt.truncation, "[the first 100 of 5000 lines; the whole file is \(huge.path)]")
        let small = folder.write("small.swift", "let a = 1\n")
        XCTAssertEqual(SourceExcerpt.read(small), SourceExcerpt(text: "let a = 1\n"))
        let latin1 = folder.url.appendingPathComponent("latin1.swift")
        try Data([0x6c, 0x65, 0x74, 0xe9, 0xff, 0x0a]).write(to: latin1)
        XCTAssertNil(SourceExcerpt.read(latin1), "not UTF-8: refused, not shown as garbage")
    }
}
