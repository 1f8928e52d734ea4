import SwiftParser
import SwiftSyntax

/// A Swift file as swift-syntax parses it: the one model of learner source in the workbook.
/// Scenario discovery, the async guard rails and highlighting all read this tree, so comments,
/// raw strings and interpolations mean the same thing to each of them.
///
/// The parser never fails: broken code gives a tree with missing or unexpected nodes, which the
/// readers skip, and the compiler reports the error later in the learner's own terms.
public struct SwiftSource {
    public let text: String
    let tree: SourceFileSyntax
    private let converter: SourceLocationConverter

    public init(_ text: String, fileName: String = "source.swift") {
        self.text = text
        tree = Parser.parse(source: text)
        converter = SourceLocationConverter(fileName: fileName, tree: tree)
    }

    /// 1-based line and column (in UTF-8 bytes, as the compiler counts) of a position.
    func location(of position: AbsolutePosition) -> (line: Int, column: Int) {
        let location = converter.location(for: position)
        return (location.line, location.column)
    }
}
