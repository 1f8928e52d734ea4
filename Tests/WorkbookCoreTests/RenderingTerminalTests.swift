import XCTest

@testable import WorkbookCore

final class RenderingTerminalTests: XCTestCase {
    // MARK: Colour policy

    func testFlagWinsOverEverything() {
        XCTAssertTrue(ColourPolicy.resolve(flag: .always, environment: ["NO_COLOR": "1", "TERM": "dumb"], isTTY: false))
        XCTAssertFalse(ColourPolicy.resolve(flag: .never, environment: ["FORCE_COLOR": "1"], isTTY: true))
    }

    func testNoColorAnyNonEmptyValueDisables() {
        for value in ["1", "0", "false", "yes"] {
            XCTAssertFalse(ColourPolicy.resolve(environment: ["NO_COLOR": value], isTTY: true), "NO_COLOR=\(value)")
        }
        XCTAssertTrue(ColourPolicy.resolve(environment: ["NO_COLOR": ""], isTTY: true), "empty NO_COLOR is unset")
        XCTAssertFalse(ColourPolicy.resolve(environment: ["NO_COLOR": "1", "FORCE_COLOR": "1"], isTTY: true))
    }

    func testForceColourReachesPipes() {
        XCTAssertTrue(ColourPolicy.resolve(environment: ["FORCE_COLOR": "1"], isTTY: false))
        XCTAssertTrue(ColourPolicy.resolve(environment: ["CLICOLOR_FORCE": "1", "TERM": "dumb"], isTTY: false))
        XCTAssertFalse(ColourPolicy.resolve(environment: ["FORCE_COLOR": "0"], isTTY: true))
    }

    func testDumbTerminalAndPipesAreMonochrome() {
        XCTAssertFalse(ColourPolicy.resolve(environment: ["TERM": "dumb"], isTTY: true))
        XCTAssertFalse(ColourPolicy.resolve(environment: ["TERM": "xterm-256color"], isTTY: false))
        XCTAssertTrue(ColourPolicy.resolve(environment: ["TERM": "xterm-256color"], isTTY: true))
    }

    // MARK: Width

    func testWidthPrefersIoctlThenColumnsThenEighty() {
        XCTAssertEqual(TerminalWidth.resolve(ioctlColumns: 132, environment: ["COLUMNS": "50"]), 132)
        XCTAssertEqual(TerminalWidth.resolve(ioctlColumns: 0, environment: ["COLUMNS": " 50 "]), 50)
        XCTAssertEqual(TerminalWidth.resolve(ioctlColumns: nil, environment: ["COLUMNS": "wide"]), 80)
        XCTAssertEqual(TerminalWidth.resolve(ioctlColumns: nil, environment: [:]), 80)
        XCTAssertEqual(TerminalWidth.resolve(ioctlColumns: 5, environment: [:]), TerminalWidth.minimum)
        XCTAssertEqual(TerminalWidth.prose(160), 100)
        XCTAssertEqual(TerminalWidth.prose(60), 60)
    }

    // MARK: Display width

    func testDisplayWidthOfScripts() {
        XCTAssertEqual(DisplayWidth.of("abc"), 3)
        XCTAssertEqual(DisplayWidth.of("日本語"), 6)
        XCTAssertEqual(DisplayWidth.of("한국"), 4)
        XCTAssertEqual(DisplayWidth.of("ＡＢ"), 4, "fullwidth Latin")
        XCTAssertEqual(DisplayWidth.of("e\u{301}"), 1, "combining acute accent")
        XCTAssertEqual(DisplayWidth.of("a\u{200B}b"), 2, "zero-width space")
        XCTAssertEqual(DisplayWidth.of("│→✓"), 3, "ambiguous-width symbols count 1")
    }

    func testDisplayWidthOfEmoji() {
        XCTAssertEqual(DisplayWidth.of("🦀"), 2)
        XCTAssertEqual(DisplayWidth.of("👩‍👩‍👧"), 2, "a ZWJ family is one glyph")
        XCTAssertEqual(DisplayWidth.of("🇫🇷"), 2, "a flag")
        XCTAssertEqual(DisplayWidth.of("❤️"), 2, "text symbol with emoji variation selector")
        XCTAssertEqual(DisplayWidth.of("❤"), 1, "text presentation")
        XCTAssertEqual(DisplayWidth.of("👍🏽"), 2, "skin-tone modifier")
    }

    func testEscapesHaveNoWidth() {
        XCTAssertEqual(DisplayWidth.of("\u{1B}[1;31mred\u{1B}[0m"), 3)
        XCTAssertEqual(DisplayWidth.of("\u{1B}]8;;https://x.org\u{07}link\u{1B}]8;;\u{1B}\\"), 4, "OSC 8 hyperlink")
        XCTAssertEqual(DisplayWidth.stripANSI("a\u{1B}[38;5;203mb\u{1B}[0mc"), "abc")
    }

    // MARK: Theme and wrapping

    func testThemePaintsOnlyWithColour() {
        XCTAssertEqual(Theme(colour: true).paint("x", .bold + .red), "\u{1B}[1;31mx\u{1B}[0m")
        XCTAssertEqual(Theme(colour: false).paint("x", .bold + .red), "x")
        XCTAssertEqual(Theme(colour: true).paint("x", .plain), "x")
    }

    func testWrapMeasuresPlainTextNotEscapes() {
        let words = (1...12).map { StyledWord("word\($0)", .bold + .underline + .red) }
        let lines = TextWrapper.wrap(words, width: 20, theme: Theme(colour: true))
        XCTAssertEqual(lines.map { DisplayWidth.stripANSI($0) }.first, "word1 word2 word3")
        RenderingCheck.assertClean(lines, width: 20)
        // Same break points with and without colour.
        XCTAssertEqual(lines.map { DisplayWidth.stripANSI($0) }, TextWrapper.wrap(words, width: 20, theme: .plain))
    }

    func testOverlongWordIsBrokenByColumnsNotCharacters() {
        let lines = TextWrapper.wrap([StyledWord("日本語日本語日本")], width: 5, theme: .plain)
        XCTAssertEqual(lines, ["日本", "語日", "本語", "日本"])
    }
}
