import XCTest

@testable import WorkbookCore

final class RenderingHighlighterTests: XCTestCase {
    private typealias Token = SwiftHighlighter.Token

    /// The non-plain tokens, which is what a reader sees coloured.
    private func marked(_ source: String) -> [Token] {
        SwiftHighlighter.tokens(source).filter { $0.kind != .plain }
    }

    func testTokensRoundTripTheSource() {
        let source = """
            @MainActor final class Bank: Sendable { /* a /* nested */ b */
                let s = "v \\(f("x)")) w", r = #"raw \\(no) \\#(yes)"#
                let n = 0x1F + 1_000 + 3.14e-2 // done
            }
            """
        XCTAssertEqual(SwiftHighlighter.tokens(source).map(\.text).joined(), source)
    }

    func testBrokenCodeRoundTripsAndStillColours() {
        let source = "func f( { let x = \"open\nvar y = 1 }}\n/* unterminated\nlet z"
        XCTAssertEqual(SwiftHighlighter.tokens(source).map(\.text).joined(), source)
        XCTAssertEqual(marked(source).prefix(3), [Token(.keyword, "func"), Token(.keyword, "let"), Token(.string, "\"open")])
        XCTAssertEqual(marked(source).last, Token(.comment, "/* unterminated\nlet z"))
    }

    func testKeywordsTypesAndNumbers() {
        XCTAssertEqual(marked("let balance: Int = 100"), [
            Token(.keyword, "let"), Token(.typeName, "Int"), Token(.number, "100"),
        ])
        XCTAssertEqual(marked("for i in 1...3 { await task.value }"), [
            Token(.keyword, "for"), Token(.keyword, "in"), Token(.number, "1"), Token(.number, "3"), Token(.keyword, "await"),
        ])
        XCTAssertEqual(marked("x = 0x1F + 1_000 + 2.5e-3"), [Token(.number, "0x1F"), Token(.number, "1_000"), Token(.number, "2.5e-3")])
        XCTAssertEqual(marked("let T1 = count1"), [Token(.keyword, "let"), Token(.typeName, "T1")], "digits inside names are not numbers")
    }

    func testAttributesAndDirectives() {
        XCTAssertEqual(marked("@Sendable @MainActor func f() { print(#fileID, #line) }"), [
            Token(.attribute, "@Sendable"), Token(.attribute, "@MainActor"), Token(.keyword, "func"),
            Token(.directive, "#fileID"), Token(.directive, "#line"),
        ])
        XCTAssertEqual(marked("#if DEBUG")[0], Token(.directive, "#if"))
    }

    func testComments() {
        XCTAssertEqual(marked("a // b \"not a string\"\nlet"), [Token(.comment, "// b \"not a string\""), Token(.keyword, "let")])
        XCTAssertEqual(marked("/* a /* nested */ still */ let"), [Token(.comment, "/* a /* nested */ still */"), Token(.keyword, "let")])
        XCTAssertEqual(marked("/* unterminated\nlet x"), [Token(.comment, "/* unterminated\nlet x")])
    }

    func testStringsWithInterpolation() {
        XCTAssertEqual(marked(#"check(ok, "counter is \(counter.value), expected \(2)")"#), [
            Token(.string, #""counter is \("#), Token(.string, #"), expected \("#), Token(.number, "2"), Token(.string, #")""#),
        ])
        XCTAssertEqual(marked(#""a \(f("b)")) c""#), [
            Token(.string, #""a \("#), Token(.string, #""b)""#), Token(.string, #") c""#),
        ], "a string inside an interpolation does not end the outer one")
        XCTAssertEqual(marked(#"let s = "say \"hi\"" + x"#), [Token(.keyword, "let"), Token(.string, #""say \"hi\"""#)])
    }

    func testInterpolationContentIsCode() {
        let tokens = marked(#""total \(Int(x) + 1)""#)
        XCTAssertEqual(tokens.map(\.kind), [.string, .typeName, .number, .string])
        XCTAssertEqual(tokens.first?.text, #""total \("#)
        XCTAssertEqual(tokens.last?.text, #")""#)
    }

    func testMultilineAndRawStrings() {
        let source = "let m = \"\"\"\n    one \"quoted\"\n    \\(n)\n    \"\"\"\nlet after = 1"
        XCTAssertEqual(marked(source).map(\.kind), [.keyword, .string, .string, .keyword, .number])
        XCTAssertEqual(marked(source)[1].text, "\"\"\"\n    one \"quoted\"\n    \\(")
        XCTAssertEqual(marked(##"#"raw \(not) "q" \#(yes)"#"##), [
            Token(.string, ##"#"raw \(not) "q" \#("##), Token(.string, ##")"#"##),
        ])
    }

    func testUnterminatedStringStopsAtLineEnd() {
        XCTAssertEqual(marked("let s = \"open\nlet t"), [Token(.keyword, "let"), Token(.string, "\"open"), Token(.keyword, "let")])
    }

    func testHighlightedLinesAreSelfContained() {
        let lines = SwiftHighlighter.highlight("/* one\ntwo */ let x = 1\t \n", theme: Theme(colour: true))
        XCTAssertEqual(lines, [
            "\u{1B}[2;3m/* one\u{1B}[0m",
            "\u{1B}[2;3mtwo */\u{1B}[0m \u{1B}[35mlet\u{1B}[0m x = \u{1B}[33m1\u{1B}[0m",
            "",
        ])
        XCTAssertEqual(SwiftHighlighter.highlight("\tlet x  ", theme: .plain), ["    let x"])
    }

    func testSourceListingWithLineNumbers() {
        let source = (1...10).map { "let v\($0) = \($0)" }.joined(separator: "\n") + "\n"
        let lines = SourceListing.render(source, theme: .plain)
        XCTAssertEqual(lines.count, 10)
        XCTAssertEqual(lines[0], " 1  let v1 = 1")
        XCTAssertEqual(lines[9], "10  let v10 = 10")
        XCTAssertEqual(SourceListing.render("a\n\nb", theme: .plain), ["1  a", "2", "3  b"])
        XCTAssertEqual(SourceListing.render("a", theme: .plain, lineNumbers: false), ["a"])
        RenderingCheck.assertNoEscapes(SourceListing.render(source, theme: .plain))
    }
}
