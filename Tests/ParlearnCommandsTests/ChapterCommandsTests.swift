import XCTest

@testable import ParlearnCommands

/// Chapter commands rendered into a buffer: the REPL's open chapter and section are the defaults.
final class ChapterCommandsTests: XCTestCase {
    private let demo = [
        "01-demo/chapter.yml": """
            title: Demo
            summary: A demo chapter.
            programs:
              - name: example
                demonstrates: Prints a line.
            """,
        "01-demo/chapter.md": "# Demo\n\nIntro.\n\n## First part\n\nOne.\n\n## Second part\n\nTwo.\n",
        "01-demo/example.swift": "print(1)\n",
    ]

    func testOpenThenReadAndNextPageThroughTheOpenChapter() {
        let (repl, out) = makeContext(.repl, chapters: demo)
        XCTAssertEqual(CommandDispatcher.run(line: "chapters", in: repl), 0)
        XCTAssertTrue(out.output.contains("01-demo  Demo\n    A demo chapter.\n"), out.output)
        XCTAssertEqual(CommandDispatcher.run(line: "open 01", in: repl), 0)
        XCTAssertEqual(repl.openChapter?.slug, "01-demo")
        XCTAssertEqual(CommandDispatcher.run(line: "read second", in: repl), 0)
        XCTAssertTrue(out.output.hasSuffix("[01-demo · section 3 of 3 · end]\n"), out.output)
        XCTAssertEqual(CommandDispatcher.run(line: "prev", in: repl), 0)
        XCTAssertTrue(out.output.hasSuffix("[01-demo · section 2 of 3 · `next`: Second part]\n"), out.output)
        XCTAssertEqual(CommandDispatcher.run(line: "programs", in: repl), 0)
        XCTAssertTrue(out.output.hasSuffix("example  Prints a line.\n"), out.output)
        XCTAssertEqual(out.errors, "")
    }

    func testTheCLINamesItsChapterAndReadsItWhole() {
        let (cli, out) = makeContext(.commandLine, chapters: demo)
        XCTAssertEqual(CommandDispatcher.run(arguments: ["read"], in: cli), 2)
        XCTAssertTrue(out.errors.contains("Name a chapter, e.g. `parlearn read 01-threads`."), out.errors)
        XCTAssertEqual(CommandDispatcher.run(arguments: ["read", "01-demo"], in: cli), 0)
        XCTAssertTrue(out.output.contains("One.") && out.output.contains("Two."), out.output)
        let (fresh, freshOut) = makeContext(.commandLine, chapters: demo)
        XCTAssertEqual(CommandDispatcher.run(arguments: ["programs"], in: fresh), 2)
        XCTAssertTrue(freshOut.errors.contains("name a chapter, e.g. 01-threads"), freshOut.errors)
    }

    func testColourOptionRepaintsOneCommandOnly() {
        let (repl, out) = makeContext(.repl, chapters: demo)
        XCTAssertEqual(CommandDispatcher.run(line: "chapters --color always", in: repl), 0)
        XCTAssertTrue(out.output.contains("\u{1B}["), "painted")
        let painted = out.output.count
        XCTAssertEqual(CommandDispatcher.run(line: "chapters", in: repl), 0)
        XCTAssertFalse(out.output.dropFirst(painted).contains("\u{1B}["), "plain again")
    }
}
