import XCTest

@testable import WorkbookCore

/// Checks shared by the rendering tests: width limits, no escapes, no trailing blanks.
enum RenderingCheck {
    static let escape: Character = "\u{1B}"

    static func assertClean(
        _ lines: [String], width: Int, exemptCode: Bool = false, file: StaticString = #filePath, line: UInt = #line
    ) {
        for (index, text) in lines.enumerated() {
            let plain = DisplayWidth.stripANSI(text)
            XCTAssertFalse(plain.hasSuffix(" "), "line \(index + 1) ends in a space: \(plain.debugDescription)", file: file, line: line)
            if exemptCode, plain.hasPrefix("    ") { continue }
            XCTAssertLessThanOrEqual(
                DisplayWidth.of(plain), width, "line \(index + 1) is wider than \(width): \(plain)", file: file, line: line)
        }
    }

    static func assertNoEscapes(_ lines: [String], file: StaticString = #filePath, line: UInt = #line) {
        for text in lines where text.contains(escape) {
            XCTFail("escape byte with colour off: \(text.debugDescription)", file: file, line: line)
        }
    }
}
