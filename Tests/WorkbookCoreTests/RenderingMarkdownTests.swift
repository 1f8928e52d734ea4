import XCTest

@testable import WorkbookCore

final class RenderingMarkdownTests: XCTestCase {
    private func plain(_ markdown: String, width: Int = 80) -> String {
        MarkdownRenderer(theme: .plain, width: width).render(markdown)
    }

    private func ansi(_ markdown: String, width: Int = 80) -> String {
        MarkdownRenderer(theme: Theme(colour: true), width: width).render(markdown)
    }

    private let esc = "\u{1B}["

    // MARK: Headings and paragraphs

    func testHeadingsKeepMarkersWithoutColour() {
        XCTAssertEqual(plain("# Threads\n\n## Spawning `Thread`s\n\n### Details ###"), "# Threads\n\n## Spawning `Thread`s\n\n### Details")
    }

    func testHeadingsAreStyledWithColour() {
        XCTAssertEqual(ansi("# Threads and state"), "\(esc)1;4;35mThreads and state\(esc)0m")
        XCTAssertEqual(ansi("## Joining"), "\(esc)1;36mJoining\(esc)0m")
    }

    func testLongHeadingWrapsWithHangingIndent() {
        XCTAssertEqual(plain("## Why two threads lose an update", width: 24), "## Why two threads lose\n   an update")
    }

    func testParagraphWrapsAndJoinsSourceLines() {
        let markdown = "Two threads read the same\ncounter, both add one, and both write\nthe same value back."
        XCTAssertEqual(plain(markdown, width: 40), """
            Two threads read the same counter, both
            add one, and both write the same value
            back.
            """)
    }

    func testProseIsCappedAtOneHundredColumns() {
        let lines = MarkdownRenderer(theme: .plain, width: 160).renderLines(String(repeating: "word ", count: 60))
        XCTAssertEqual(lines.map(DisplayWidth.of).max(), 99)
    }

    func testInlineMarkersKeptWithoutColour() {
        let markdown = "A **data race** on the *same* _memory_ via `counter += 1`; see [the book](https://docs.swift.org)."
        XCTAssertEqual(plain(markdown, width: 120), markdown.replacingOccurrences(of: "[the book](https://docs.swift.org)", with: "the book <https://docs.swift.org>"))
    }

    func testInlineStylesWithColour() {
        XCTAssertEqual(ansi("a **data race** and *same* and `x += 1`"),
            "a \(esc)1mdata race\(esc)0m and \(esc)3msame\(esc)0m and \(esc)38;5;203mx += 1\(esc)0m")
        XCTAssertEqual(ansi("[book](https://x.org)"), "\(esc)4mbook\(esc)0m \(esc)2m<https://x.org>\(esc)0m")
        XCTAssertEqual(ansi("<https://x.org> and [https://x.org](https://x.org)"), "<https://x.org> and \(esc)2m<https://x.org>\(esc)0m")
    }

    func testLiteralsThatLookLikeMarkup() {
        XCTAssertEqual(ansi("snake_case_name, 2 * 3 * 4, a\\*b\\*, [not a link]"), "snake_case_name, 2 * 3 * 4, a*b*, [not a link]")
        XCTAssertEqual(ansi("``code with ` tick``"), "\(esc)38;5;203mcode with ` tick\(esc)0m")
        XCTAssertEqual(plain("``code with ` tick``"), "``code with ` tick``")
        XCTAssertEqual(ansi("**bold *and em* inside**"), "\(esc)1mbold\(esc)0m \(esc)1;3mand em\(esc)0m \(esc)1minside\(esc)0m")
    }

    func testInlineCodeIsNotBrokenAtItsSpaces() {
        XCTAssertEqual(plain("Then call `counter.withLock { $0 += 1 }` twice.", width: 30),
            "Then call\n`counter.withLock { $0 += 1 }`\ntwice.")
    }

    func testHTMLCommentsAreHidden() {
        XCTAssertEqual(plain("Before\n\n<!-- include racy.swift#transfer -->\n<!-- checker-output racy\nmore -->\n\nAfter"), "Before\n\nAfter")
    }

    // MARK: Code blocks

    func testCodeBlockWithoutColourKeepsFence() {
        let markdown = "```swift\nlet counter = Shared(0, \"counter\")   \n\n    counter.value += 1\n```"
        XCTAssertEqual(plain(markdown), """
              ```swift
                let counter = Shared(0, "counter")

                    counter.value += 1
              ```
            """)
    }

    func testCodeBlockIsHighlightedAndNeverWrapped() {
        let long = "let total = " + (1...30).map(String.init).joined(separator: " + ")
        let lines = MarkdownRenderer(theme: Theme(colour: true), width: 40).renderLines("```swift\n\(long)\n```")
        XCTAssertEqual(lines.count, 2)
        XCTAssertEqual(lines[0], "  \(esc)2mswift\(esc)0m")
        XCTAssertTrue(lines[1].hasPrefix("    \(esc)35mlet\(esc)0m total = \(esc)33m1\(esc)0m"), lines[1])
        XCTAssertEqual(DisplayWidth.of(lines[1]), 4 + long.count)
    }

    func testUnknownLanguageIsNotHighlighted() {
        XCTAssertEqual(ansi("```\nparlearn run 01-threads/racy\n```"), "    parlearn run 01-threads/racy")
        XCTAssertEqual(ansi("~~~sh\nlet x = 1\n~~~"), "  \(esc)2msh\(esc)0m\n    let x = 1")
    }

    func testUnclosedFenceRunsToTheEnd() {
        XCTAssertEqual(plain("```\nlet a = 1\n## not a heading"), "  ```\n    let a = 1\n    ## not a heading\n  ```")
    }

    // MARK: Lists

    func testNestedListFollowedByNumberedList() {
        // Ink swallowed the numbered list into the nested item; it must stay a list of its own.
        let markdown = """
            - first point with `code`
            - second point, **bold**
              - nested item
                - deeper
            1. numbered one
            2. numbered two
            """
        XCTAssertEqual(plain(markdown), """
            - first point with `code`
            - second point, **bold**
              - nested item
                - deeper

            1. numbered one
            2. numbered two
            """)
        XCTAssertEqual(ansi(markdown).components(separatedBy: "\n").map(DisplayWidth.stripANSI), """
            • first point with code
            • second point, bold
              ◦ nested item
                ▪ deeper

            1. numbered one
            2. numbered two
            """.components(separatedBy: "\n"))
    }

    func testListItemsWrapWithHangingIndent() {
        let markdown = "- A thread that holds a lock and waits for another one can deadlock.\n  Indented continuation joins the item.\n- Short."
        XCTAssertEqual(plain(markdown, width: 30), """
            - A thread that holds a lock
              and waits for another one
              can deadlock. Indented
              continuation joins the item.
            - Short.
            """)
    }

    func testNumberedMarkersAlignPastNine() {
        let markdown = (1...10).map { "\($0). step" }.joined(separator: "\n")
        let lines = plain(markdown).components(separatedBy: "\n")
        XCTAssertEqual(lines.first, " 1. step")
        XCTAssertEqual(lines.last, "10. step")
        XCTAssertEqual(plain("3. three\n4. four"), "3. three\n4. four")
    }

    func testListItemWithParagraphsAndCode() {
        let markdown = "1. Run it:\n\n   ```\n   parlearn run racy\n   ```\n\n   Then read.\n2. Done."
        XCTAssertEqual(plain(markdown), """
            1. Run it:

                 ```
                   parlearn run racy
                 ```

               Then read.
            2. Done.
            """)
    }

    // MARK: Tables

    private let table = """
        | Thread | Wait 🦀 | Result |
        |:-------|:------:|-------:|
        | T1 | lock(a) | 🦀 ok |
        | T2 | `lock(b)` | blocked |
        """

    func testTableWithoutColourIsAPipeTable() {
        XCTAssertEqual(plain(table), """
            | Thread |  Wait 🦀  |  Result |
            |--------|:---------:|--------:|
            | T1     |  lock(a)  |   🦀 ok |
            | T2     | `lock(b)` | blocked |
            """)
    }

    func testTableWithColourAlignsByDisplayWidth() {
        let lines = MarkdownRenderer(theme: Theme(colour: true), width: 80).renderLines(table).map(DisplayWidth.stripANSI)
        XCTAssertEqual(lines, [
            "Thread │ Wait 🦀 │  Result",
            "───────┼─────────┼────────",
            "T1     │ lock(a) │   🦀 ok",
            "T2     │ lock(b) │ blocked",
        ])
        // Every separator sits in the same column although the emoji is one character wide in Swift.
        XCTAssertEqual(Set(lines.map { DisplayWidth.of($0) }), [26])
    }

    func testWideTableShrinksAndWrapsCells() {
        let markdown = """
            | Primitive | Python | Swift |
            |---|---|---|
            | counter | `itertools.count` is not really atomic in any sense | `Atomic<Int>` with `wrappingAdd` |
            """
        let lines = MarkdownRenderer(theme: .plain, width: 50).renderLines(markdown)
        RenderingCheck.assertClean(lines, width: 50)
        XCTAssertEqual(lines[0], "| Primitive | Python            | Swift          |")
        XCTAssertEqual(lines[2], "| counter   | `itertools.count` | `Atomic<Int>`  |")
        XCTAssertEqual(lines[3], "|           | is not really     | with           |")
        XCTAssertEqual(lines.count, 6)
    }

    func testTableDirectlyAfterAParagraph() {
        XCTAssertEqual(plain("From `threads_costs`:\n| a | b |\n|---|--:|\n| x | 1 |\nAfter.\n| no alignment row |"), """
            From `threads_costs`:

            | a | b |
            |---|--:|
            | x | 1 |

            After. | no alignment row |
            """)
    }

    func testTableTooNarrowBecomesRecords() {
        let markdown = "| Name | Meaning |\n|---|---|\n| `Mutex` | mutual exclusion lock |\n| `Atomic` | lock-free cell |"
        XCTAssertEqual(plain(markdown, width: 20), """
            Name: `Mutex`
            Meaning: mutual
              exclusion lock

            Name: `Atomic`
            Meaning: lock-free
              cell
            """)
    }

    // MARK: Quotes and rules

    func testBlockQuoteHasABar() {
        XCTAssertEqual(plain("> Tip: run `racy` twice.\n> It fails sometimes."), "│ Tip: run `racy` twice. It fails sometimes.")
        XCTAssertEqual(ansi("> Tip"), "\(esc)2m│\(esc)0m Tip")
    }

    func testComingFromPythonBox() {
        let markdown = "> **Coming from Python:** a `threading.Lock` is a `Mutex`.\n>\n> The GIL never protected you."
        XCTAssertEqual(plain(markdown), """
            │ **Coming from Python:**
            │ a `threading.Lock` is a `Mutex`.
            │
            │ The GIL never protected you.
            """)
        let coloured = ansi(markdown).components(separatedBy: "\n")
        XCTAssertEqual(coloured[0], "\(esc)33m│\(esc)0m \(esc)1;33mComing from Python:\(esc)0m")
        XCTAssertEqual(coloured[2], "\(esc)33m│\(esc)0m")
        XCTAssertNotEqual(ansi("> **Note**").prefix(12), coloured[0].prefix(12), "an ordinary quote is styled differently")
    }

    func testQuoteWrapsInsideTheBar() {
        let lines = MarkdownRenderer(theme: .plain, width: 20).renderLines("> one two three four five six seven")
        XCTAssertEqual(lines, ["│ one two three four", "│ five six seven"])
    }

    func testHorizontalRule() {
        XCTAssertEqual(plain("a\n\n---\n\nb"), "a\n\n---\n\nb")
        XCTAssertEqual(ansi("***", width: 30), "\(esc)2m" + String(repeating: "─", count: 30) + "\(esc)0m")
    }

    // MARK: Whole documents

    private let chapter = """
        # Threads and shared state

        A **data race** happens when two threads touch the *same* memory and at least one writes. 🦀 Use `Mutex`.

        ## Spawning

        Spawn two named threads and [join them](https://developer.apple.com/documentation/swift).

        ```swift
        let workers = (1...2).map { i in spawn("T\\(i)") { counter.value += 1 } }
        ```

        - first, with a long explanation that must wrap around at narrow widths
          - nested, also long enough to need a second line somewhere
        1. numbered

        ## Locks

        > **Coming from Python** `threading.Lock` is `Mutex` here, and the GIL does not save you.

        | Primitive | Python | Swift |
        |---|:-:|--:|
        | lock | `threading.Lock()` | `Mutex` with `withLock` |
        | counter 🦀 | `itertools.count` | `Atomic<Int>` |

        ---
        """

    func testEveryWidthAndThemeStaysInBounds() {
        for width in [40, 80, 120] {
            for theme in [Theme.plain, Theme(colour: true)] {
                let lines = MarkdownRenderer(theme: theme, width: width).renderLines(chapter)
                RenderingCheck.assertClean(lines, width: width, exemptCode: true)
                if !theme.colour { RenderingCheck.assertNoEscapes(lines) }
                // With colour, styles replace the markers rather than adding to them.
                if theme.colour {
                    let visible = lines.map(DisplayWidth.stripANSI).joined(separator: "\n")
                    for marker in ["**", "`", "```", "# "] { XCTAssertFalse(visible.contains(marker), marker) }
                }
            }
        }
    }

    // MARK: Sections

    func testSectionsSplitAtLevelTwoHeadings() {
        let sections = MarkdownRenderer(theme: .plain, width: 80).sections(chapter)
        XCTAssertEqual(sections.map(\.title), ["Threads and shared state", "Spawning", "Locks"])
        XCTAssertEqual(sections[1].lines.first, "## Spawning")
        XCTAssertEqual(sections[0].lines.last?.hasSuffix("Use `Mutex`."), true)
        XCTAssertFalse(sections[1].lines.contains { $0.hasPrefix("## Locks") })
    }

    func testHeadingInsideCodeDoesNotSplit() {
        let sections = MarkdownRenderer(theme: .plain, width: 80).sections("## One\n\n```\n## not a section\n```\n\n## `Two`")
        XCTAssertEqual(sections.map(\.title), ["One", "Two"], "no empty preamble, markup stripped from titles")
    }

    func testFindSectionByName() {
        let sections = ["Introduction", "Spawning threads", "Shared state", "Locks and deadlocks"].map {
            RenderedSection(title: $0, lines: [])
        }
        XCTAssertEqual(RenderedSection.find("locks AND deadlocks", in: sections), .found(3))
        XCTAssertEqual(RenderedSection.find("spawn", in: sections), .found(1))
        XCTAssertEqual(RenderedSection.find("s", in: sections), .ambiguous([1, 2]))
        XCTAssertEqual(RenderedSection.find("deadlock", in: sections), .found(3), "unique substring")
        XCTAssertEqual(RenderedSection.find("state", in: sections), .found(2))
        XCTAssertEqual(RenderedSection.find("actors", in: sections), .notFound)
        XCTAssertEqual(RenderedSection.find("  ", in: sections), .notFound)
    }
}
