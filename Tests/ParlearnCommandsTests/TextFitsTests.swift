import Foundation
import WorkbookCore
import XCTest

@testable import ParlearnCommands

/// Issue 14, item 10: on a terminal every learner-facing text (lists, summaries, errors) fits the
/// width; piped output keeps each line whole. The width is injected, as a resize would change it.
final class TextFitsTests: XCTestCase {
    private let width = 50
    private static let longSummary = "A chapter whose summary is far longer than any narrow terminal, "
        + "so that the list of chapters must wrap it under its own indent."
    private let chapter = [
        "01-demo/chapter.yml": """
            title: A demo chapter with a title long enough to need a second line
            summary: \(TextFitsTests.longSummary)
            programs:
              - name: racy
                file: racy.swift
                demonstrates: Two threads add one to a shared counter without a lock and lose an increment.
                expect: bug
            """,
        "01-demo/chapter.md": "# Demo\n\n## Only part\n\nOne.\n",
        "01-demo/racy.swift": """
            import ParLearnKit

            scenario("two increments of one shared counter") {
                let hits = Shared(0, "hits")
                let workers = (1...2).map { i in spawn("T\\(i)") { hits.value += 1 } }
                for w in workers { w.join() }
                check(hits.value == 2, "hits is \\(hits.value), but two threads each added one, so it should be 2")
            }
            """,
    ]

    /// The checkout's `exercises/` folder, from this file's path.
    private static let exercises = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("exercises")

    func testFittedWrapsLongLinesOnATerminalAndLeavesTheRestAlone() {
        let captured = CapturedOutput()
        let console = Console(theme: .plain, errorTheme: .plain, isInteractive: true, output: captured, width: { 30 })
        let text = "short   and aligned\n  an indented paragraph that is much too long for thirty columns"
        XCTAssertEqual(console.fitted([StyledRun(text)]), [
            "short   and aligned",  // fits: kept as it is, spaces and all
            "  an indented paragraph that",
            "    is much too long for",
            "    thirty columns",
        ])
        XCTAssertEqual(console.fitted([StyledRun("one two three four five six seven")], lead: "* ", leadWidth: 2,
                                      hanging: 0),
                       ["* one two three four five six", "  seven"])
        let piped = Console(theme: .plain, errorTheme: .plain, isInteractive: false, output: captured, width: { 30 })
        XCTAssertEqual(piped.fitted([StyledRun(text)]), text.components(separatedBy: "\n"))
    }

    /// Lists, notes, errors, a check's verdict, a run's and an exploration's summary, at 50
    /// columns: no line is wider, except a replay command or a path (kept whole so they can be
    /// pasted) and the program's own output.
    func testListsSummariesAndErrorsFitANarrowTerminal() throws {
        let (repl, out) = makeContext(.repl, width: width, interactive: true, chapters: chapter)
        let root = repl.session.paths.exercises.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: repl.session.paths.exercises, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.exercises.appendingPathComponent("00-welcome"),
                                         to: repl.session.paths.exercises.appendingPathComponent("00-welcome"))
        let exiting = root.appendingPathComponent("a-program-with-a-rather-long-name-that-exits-with-three.swift")
        try Data("import Foundation\nprint(\"bye\")\nexit(3)\n".utf8).write(to: exiting)
        let lines = [
            "chapters", "open 01", "programs", "exercises", "progress", "hint welcome-counter",
            "start welcome-predict", "check", "run \(exiting.path)", "explore racy --schedules 50 --seed 1",
            "open a-chapter-that-does-not-exist-anywhere-at-all", "frobnicate-everything-now",
            "explore racy --schedules -3",
        ]
        for line in lines { CommandDispatcher.run(line: line, in: repl) }
        let shown = (out.output + out.errors).split(separator: "\n", omittingEmptySubsequences: false)
        let tooWide = shown.filter { DisplayWidth.of($0) > width }
            .filter { !$0.contains("replay ") && !$0.hasPrefix("  /") && $0 != "bye" }
        XCTAssertEqual(tooWide, [], "wider than \(width) columns:\n\(out.output)\n\(out.errors)")
        // Each of these was wider than the terminal and is there, wrapped, word for word.
        let flowing = (out.output + out.errors).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for text in [
            Self.longSummary, "Two threads add one to a shared counter without a lock and lose an increment.",
            "unknown chapter 'a-chapter-that-does-not-exist-anywhere-at-all'", "exited 3",
            "unknown command 'frobnicate-everything-now'", "welcome-predict",
            "Two threads add one to a shared counter without a lock", "BUG in scenario",
        ] {
            XCTAssertTrue(flowing.contains(text), "missing: \(text)\n\(out.output)\n\(out.errors)")
        }
        XCTAssertFalse(shown.contains { $0.contains(Self.longSummary) }, "the summary was wrapped")
    }

    /// `clear` sends home, erase screen and erase scrollback on a terminal, nothing when piped.
    func testClearErasesATerminalAndLeavesPipedOutputAlone() {
        let (terminal, shown) = makeContext(.repl, interactive: true, chapters: chapter)
        XCTAssertEqual(CommandDispatcher.run(line: "clear", in: terminal), 0)
        XCTAssertEqual(shown.output, "\u{1B}[H\u{1B}[2J\u{1B}[3J")
        let (piped, written) = makeContext(.repl, chapters: chapter)
        XCTAssertEqual(CommandDispatcher.run(line: "clear", in: piped), 0)
        XCTAssertEqual(written.output, "")
    }

    /// The grade report on a terminal: a tampered exercise's warning wraps like any summary.
    func testTheGradeReportFitsANarrowTerminal() throws {
        let (cli, out) = makeContext(.commandLine, width: width, interactive: true)
        let exercises = cli.session.paths.exercises
        try FileManager.default.createDirectory(at: exercises, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.exercises.appendingPathComponent("00-welcome"),
                                         to: exercises.appendingPathComponent("00-welcome"))
        let lock = try String(contentsOf: Self.exercises.appendingPathComponent("checks.lock"), encoding: .utf8)
        let welcome = lock.split(separator: "\n").filter { $0.contains("00-welcome/") }.joined(separator: "\n") + "\n"
        try welcome.write(to: exercises.appendingPathComponent("checks.lock"), atomically: true, encoding: .utf8)
        // Every exercise broken, so nothing is compiled: each scores 0 with a warning.
        for name in ["counter", "predict-increments", "step-lost-update"] {
            try "id: [".write(to: exercises.appendingPathComponent("00-welcome/\(name)/exercise.yml"),
                              atomically: true, encoding: .utf8)
        }
        XCTAssertEqual(CommandDispatcher.run(arguments: ["grade", "--deterministic"], in: cli), 0, out.errors)
        let lines = out.output.split(separator: "\n")
        XCTAssertEqual(lines.filter { DisplayWidth.of($0) > width }, [], out.output)
        XCTAssertTrue(out.output.contains("0/20"), out.output)
        XCTAssertGreaterThan(lines.count, 6, out.output)
    }
}
