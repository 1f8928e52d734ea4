import Foundation
import XCTest

/// An isolated world for one run of the real `parlearn` binary: home, XDG state, cache and a
/// chapters folder with one fixture chapter, all in a temporary folder.
struct REPLFixture {
    let root: URL
    var home: URL { root.appendingPathComponent("home") }
    var stateHome: URL { root.appendingPathComponent("state") }
    var chapters: URL { root.appendingPathComponent("chapters") }
    var exercises: URL { root.appendingPathComponent("exercises") }
    var cache: URL { root.appendingPathComponent("cache") }
    /// Where the REPL keeps its history by default under this fixture's XDG_STATE_HOME.
    var historyFile: URL { stateHome.appendingPathComponent("parlearn/history") }
    /// The fallback history file under this fixture's HOME.
    var legacyHistoryFile: URL { home.appendingPathComponent(".parlearn_history") }

    /// The `parlearn` executable built next to the test bundle (`swift test` builds it too).
    static func parlearnBinary() throws -> String {
        var folder = Bundle(for: REPLEndToEndTests.self).bundleURL  // Linux: the build folder
        if folder.pathExtension == "xctest" { folder.deleteLastPathComponent() }  // macOS: the bundle
        let binary = folder.appendingPathComponent("parlearn").path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw FixtureError("no parlearn binary at \(binary); run `swift build` (or `swift test`) first")
        }
        return binary
    }

    init() throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("parlearn-repl-\(UUID().uuidString)")
        for folder in [home, stateHome, exercises, cache] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        for (slug, files) in [("01-demo", Self.demoChapter), ("02-drills", Self.drillsChapter)] {
            let folder = chapters.appendingPathComponent(slug)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for (name, text) in files {
                try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
            }
        }
    }

    /// The program's whole environment: nothing of the test's leaks in but PATH (the runner
    /// needs swiftc). No PARLEARN_HISTFILE, so the default history location is what is tested.
    func environment(term: String) -> [String: String] {
        [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "TERM": term,
            "LANG": "C.UTF-8",
            "HOME": home.path,
            "XDG_STATE_HOME": stateHome.path,
            "PARLEARN_CHAPTERS": chapters.path,
            "PARLEARN_EXERCISES": exercises.path,
            "PARLEARN_STATE_DIR": stateHome.appendingPathComponent("parlearn-state").path,
            "PARLEARN_CACHE_DIR": cache.path,
        ]
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }

    struct FixtureError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// A second chapter, so that `open <TAB>` has two slugs to choose from.
    private static let drillsChapter = [
        "chapter.yml": """
            title: Drills
            summary: A second fixture chapter.
            programs:
              - name: example
                file: example.swift
                demonstrates: Prints one line and exits.
                expect: none

            """,
        "chapter.md": "# Drills\n\nNothing to read.\n",
        "example.swift": """
            import ParLearnKit

            scenario("hello") {
                print("hello from the drills chapter")
            }

            """,
    ]

    private static let demoChapter = [
        "chapter.yml": """
            title: Demo
            summary: A fixture chapter for the REPL end-to-end tests.
            programs:
              - name: example
                file: example.swift
                demonstrates: Prints one line and exits.
                expect: none
              - name: forever
                file: forever.swift
                demonstrates: A deliberate hang demo that prints a tick every 0.2 s until stopped.
                expect: none

            """,
        "chapter.md": """
            # Demo

            A chapter that exists only for the tests.

            ## The example

            <!-- include example.swift -->

            """,
        "example.swift": """
            import ParLearnKit

            scenario("hello") {
                print("hello from the demo chapter")
            }

            """,
        "forever.swift": """
            import Foundation
            import ParLearnKit

            // Never ends on its own: the test stops it with Ctrl-C.
            scenario("ticks forever") {
                var tick = 0
                while true {
                    tick += 1
                    print("tick \\(tick)")
                    fflush(nil)  // the runner may stream through a pipe
                    usleep(200_000)
                }
            }

            """,
    ]
}

/// Drives the real `parlearn` REPL in a terminal (tmux): prompt, completion, history, keys, UTF-8.
final class REPLEndToEndTests: XCTestCase {
    var fixture: REPLFixture!

    override func setUpWithError() throws {
        fixture = try REPLFixture()
    }

    override func tearDown() {
        fixture.remove()
    }

    /// A REPL session in the fixture's world on a `width` x `height` terminal, waiting at its first prompt.
    func startREPL(width: Int = 100, height: Int = 30) throws -> TmuxSession {
        let session = try TmuxSession(
            executable: try REPLFixture.parlearnBinary(), environment: fixture.environment(term: "screen"),
            width: width, height: height)
        addTeardownBlock { session.close() }
        try session.waitFor(lastLine: "parlearn>", timeout: .seconds(10))
        return session
    }

    /// Opens the demo chapter and waits for its prompt.
    private func openDemo(_ session: TmuxSession) throws {
        try session.sendLiteral("open 01-demo")
        try session.send(keys: "Enter")
        try session.waitFor(lastLine: "parlearn 01-demo>")
    }

    func testBannerThenPromptAndOpenShowsTheChapterInThePrompt() throws {
        let session = try startREPL()
        XCTAssertGreaterThan(session.lines().filter { !$0.isEmpty }.count, 1, "a banner comes before the prompt")
        try openDemo(session)
    }

    func testTabCompletesCommandsThenChapterSlugs() throws {
        let session = try startREPL()
        try session.sendLiteral("ope")
        try session.send(keys: "Tab")
        try session.waitFor(lastLine: "parlearn> open")
        // Typing straight on proves the completion ended with a space.
        try session.sendLiteral("01")
        try session.send(keys: "Tab")
        try session.waitFor(lastLine: "parlearn> open 01-demo")
        try session.send(keys: "Enter")
        try session.waitFor(lastLine: "parlearn 01-demo>")
    }

    func testTabCompletesProgramNamesAfterRunAndShow() throws {
        let session = try startREPL()
        try openDemo(session)
        try session.sendLiteral("run fo")
        try session.send(keys: "Tab")
        try session.waitFor(lastLine: "parlearn 01-demo> run forever")
        try session.send(keys: "C-u")
        try session.waitFor(lastLine: "parlearn 01-demo>")
        try session.sendLiteral("show ex")
        try session.send(keys: "Tab")
        try session.waitFor(lastLine: "parlearn 01-demo> show example")
    }

    func testTabWithSeveralMatchesInsertsTheCommonPrefixAndListsThem() throws {
        let session = try startREPL()
        let mark = session.mark()
        try session.sendLiteral("open ")
        try session.send(keys: "Tab")  // 01-demo, 02-drills: common prefix "0"
        let lines = try session.waitFor(lastLine: "parlearn> open 0")
        XCTAssertTrue(
            lines.dropFirst(mark).contains { $0.contains("01-demo") && $0.contains("02-drills") },
            "the candidates are listed on one line below the prompt:\n\(lines.joined(separator: "\n"))")
    }

    func testUpArrowRecallsThePreviousLine() throws {
        let session = try startREPL()
        try session.sendLiteral("chapters")
        try session.send(keys: "Enter")
        try session.waitFor(text: "01-demo")
        try session.waitFor(lastLine: "parlearn>")
        try session.send(keys: "Up")
        try session.waitFor(lastLine: "parlearn> chapters")
    }

    func testHistorySurvivesARestart() throws {
        let first = try startREPL()
        try first.sendLiteral("chapters")
        try first.send(keys: "Enter")
        try first.waitFor(text: "01-demo")
        try first.waitFor(lastLine: "parlearn>")
        try first.send(keys: "C-d")
        XCTAssertEqual(try first.waitForExit(), 0)
        first.close()
        XCTAssertTrue(
            FileManager.default.fileExists(atPath: fixture.historyFile.path),
            "history is kept under XDG_STATE_HOME")

        let second = try startREPL()
        try second.send(keys: "Up")
        try second.waitFor(lastLine: "parlearn> chapters")
    }

    func testCtrlCStopsARunningProgramAndTheREPLCarriesOn() throws {
        let session = try startREPL()
        try openDemo(session)
        try session.sendLiteral("run forever")
        try session.send(keys: "Enter")
        try session.waitFor(text: "tick 2", timeout: .seconds(120))  // includes the first compile
        try session.send(keys: "C-c")
        try session.waitFor(text: "stopping")
        try session.waitFor(lastLine: "parlearn 01-demo>", timeout: .seconds(4))

        // The program is really gone: no tick comes after the prompt returned.
        let ticks = session.lines().filter { $0.hasPrefix("tick") }.count
        usleep(600_000)  // three tick periods
        XCTAssertEqual(session.lines().filter { $0.hasPrefix("tick") }.count, ticks, "the program still runs")

        let mark = session.mark()
        try session.sendLiteral("chapters")
        try session.send(keys: "Enter")
        try session.waitFor(text: "01-demo", since: mark + 1)
        try session.waitFor(lastLine: "parlearn 01-demo>")
    }

    func testCtrlCAtThePromptClearsTheLineAndTheREPLStaysUp() throws {
        let session = try startREPL()
        try session.sendLiteral("open 01-de")
        try session.waitFor(lastLine: "parlearn> open 01-de")
        try session.send(keys: "C-c")
        try session.waitFor(text: "^C")
        try session.waitFor(lastLine: "parlearn>")
        let mark = session.mark()
        try session.sendLiteral("chapters")  // had the line survived, this would be "open 01-dechapters"
        try session.send(keys: "Enter")
        let output = try session.waitFor(text: "01-demo", since: mark)
        XCTAssertFalse(output.contains { $0.contains("unknown") }, output.joined(separator: "\n"))
        try session.waitFor(lastLine: "parlearn>")
    }

    func testCtrlDExitsWithStatusZero() throws {
        let session = try startREPL()
        try session.send(keys: "C-d")
        XCTAssertEqual(try session.waitForExit(), 0)
    }

    func testUTF8InputReachesTheCommandParserIntact() throws {
        let session = try startREPL()
        try session.sendLiteral("héllo ✓")
        try session.waitFor(lastLine: "parlearn> héllo ✓")
        try session.send(keys: "Enter")
        try session.waitFor(text: "unknown command 'héllo'")
    }

    func testUnknownCommandSuggestsTheClosestOne() throws {
        let session = try startREPL()
        try session.sendLiteral("chapterz")
        try session.send(keys: "Enter")
        try session.waitFor(text: "unknown command 'chapterz'")
        try session.waitFor(text: "did you mean 'chapters'?")
        try session.waitFor(lastLine: "parlearn>")
    }

    // MARK: Issue 14: live output, Ctrl-C storms, resizes and pasted replay lines

    private func write(_ name: String, _ text: String) throws -> String {
        let file = fixture.root.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        return file.path
    }

    /// A line printed without `fflush` shows while the program still runs; Ctrl-C pressed five
    /// times stops it, a resize in between changes nothing, and the REPL answers the next line.
    func testRunStreamsOutputLiveAndSurvivesACtrlCStormAndAResize() throws {
        let program = try write("slow.swift", """
            import Foundation
            print("first line, then a long sleep")
            sleep(60)
            print("never shown")
            """)
        let session = try startREPL()
        try session.sendLiteral("run \(program)")
        try session.send(keys: "Enter")
        try session.waitFor(text: "first line, then a long sleep", timeout: .seconds(120))  // includes the compile
        XCTAssertFalse(session.capture().contains("exited"),
                       "the line must show before the program ends:\n\(session.capture())")
        try session.resize(width: 60, height: 20)
        for _ in 0..<5 { try session.send(keys: "C-c") }
        try session.waitFor(text: "stopped by Ctrl-C", timeout: .seconds(6))
        try session.waitFor(lastLine: "parlearn>", timeout: .seconds(4))
        XCTAssertFalse(session.capture().contains("never shown"))
        let mark = session.mark()
        try session.sendLiteral("chapters")
        try session.send(keys: "Enter")
        try session.waitFor(text: "01-demo", since: mark + 1)
    }

    /// The replay line `explore` prints, pasted with its leading `parlearn`.
    func testAPastedReplayLineRunsAsPasted() throws {
        let racy = ParlearnCommand.root.appendingPathComponent("chapters/00-welcome/racy.swift")
        let program = try write("racy.swift", try String(contentsOf: racy, encoding: .utf8))
        let session = try startREPL()
        try session.sendLiteral("parlearn replay \(program) T1-bc2ba3 --scenario 'two increments'")
        try session.send(keys: "Enter")
        try session.waitFor(text: "BUG in scenario \"two increments\"", timeout: .seconds(120))
        try session.waitFor(text: "hits is 1, expected 2")
        try session.waitFor(lastLine: "parlearn>", timeout: .seconds(5))
        XCTAssertFalse(session.capture().contains("unknown command 'parlearn'"), session.capture())
    }

    /// A long `show` goes through the pager (less, here) on a terminal; `q` comes back to the
    /// prompt; `--no-pager` prints straight to the terminal.
    func testLongShowGoesThroughThePagerUnlessNoPager() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/less") else {
            throw XCTSkip("less is not installed")
        }
        let program = try write("long.swift", (1...200).map { "let value\($0) = \($0)" }.joined(separator: "\n") + "\n")
        let session = try startREPL()
        try session.sendLiteral("show \(program)")
        try session.send(keys: "Enter")
        try session.waitFor(text: "let value1 = 1")
        XCTAssertFalse(session.capture().contains("let value200 = 200"), "the pager shows one screen at a time")
        try session.send(keys: "q")
        try session.waitFor(lastLine: "parlearn>")
        try session.sendLiteral("show \(program) --no-pager")
        try session.send(keys: "Enter")
        try session.waitFor(text: "let value200 = 200")
        try session.waitFor(lastLine: "parlearn>")
    }
}
