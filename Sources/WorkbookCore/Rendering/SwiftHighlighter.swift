import Foundation

import Foundation
import SwiftIDEUtils
import SwiftSyntax

/// Colours code in lessons and `show <program>`, from swift-syntax's classification of the
/// parsed file (`SwiftSource`), so highlighting agrees with the checker about what is code.
///
/// A reader sees keywords, type names (capitalised identifiers too, as in `Int(x)`), strings
/// with their interpolations, numbers, comments, attributes such as `@Sendable` and directives
/// such as `#if` and `#fileID`. It never rejects input: broken code is coloured as far as it
/// parses, and every byte of the source comes back.
public enum SwiftHighlighter {
    public enum TokenKind: Sendable, Equatable {
        case plain, keyword, typeName, string, number, comment, attribute, directive
    }

    public struct Token: Sendable, Equatable {
        public var kind: TokenKind
        public var text: String

        public init(_ kind: TokenKind, _ text: String) {
            self.kind = kind
            self.text = text
        }
    }

    /// The tokens of `source`, adjacent ones of a kind merged; their texts concatenate back to
    /// `source` exactly.
    public static func tokens(_ source: String) -> [Token] {
        var painter = Painter()
        for token in SwiftSource(source).tree.tokens(viewMode: .sourceAccurate) {
            let kind = kind(of: token)
            // Trivia between a literal's first and last tokens (a multi-line string's line
            // breaks and indentation) is the string's text.
            let literal = kind == .string ? token.ancestorOrSelf { $0.as(StringLiteralExprSyntax.self) } : nil
            let inside: (TokenSyntax?) -> SwiftHighlighter.TokenKind? = { edge in
                literal != nil && edge != token ? .string : nil
            }
            painter.add(token.leadingTrivia, as: inside(literal?.firstToken(viewMode: .sourceAccurate)))
            painter.add(kind, token.text)
            painter.add(token.trailingTrivia, as: inside(literal?.lastToken(viewMode: .sourceAccurate)))
        }
        return painter.tokens
    }

    /// `source` as painted lines (each line carries its own reset, so lines can be paged
    /// or prefixed independently). With colour off the lines are the source with tabs expanded
    /// to 4 columns and trailing blanks dropped.
    public static func highlight(_ source: String, theme: Theme) -> [String] {
        let cleaned = source.replacingOccurrences(of: "\r\n", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in
                var text = line.replacingOccurrences(of: "\t", with: "    ")
                while text.last == " " { text.removeLast() }
                return text
            }
            .joined(separator: "\n")
        var lines: [String] = [""]
        for token in tokens(cleaned) {
            let style = theme.style(for: token.kind)
            for (index, piece) in token.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                if index > 0 { lines.append("") }
                lines[lines.count - 1] += theme.paint(String(piece), style)
            }
        }
        return lines
    }

    private static func kind(of token: TokenSyntax) -> TokenKind {
        guard let parent = token.parent else { return .plain }
        if parent.is(StringLiteralExprSyntax.self) || parent.is(StringSegmentSyntax.self)
            || parent.is(ExpressionSegmentSyntax.self) {
            return .string  // quotes, raw-string `#`s, text, and the `\(` `)` of an interpolation
        }
        if parent.is(MacroExpansionExprSyntax.self) || parent.is(MacroExpansionDeclSyntax.self) {
            return .directive  // `#fileID`, `#line`, `#expect`
        }
        if let attribute = token.ancestorOrSelf(mapping: { $0.as(AttributeSyntax.self) }),
           token == attribute.atSign || attribute.attributeName.tokens(viewMode: .sourceAccurate).contains(token) {
            return .attribute
        }
        switch token.tokenClassification.kind {
        case .keyword: return token.text.hasPrefix("#") ? .directive : .keyword
        case .ifConfigDirective: return .directive
        case .attribute: return .attribute
        case .type: return .typeName
        case .identifier: return token.text.first?.isUppercase == true ? .typeName : .plain
        case .integerLiteral, .floatLiteral: return .number
        case .stringLiteral, .regexLiteral: return .string
        case .lineComment, .docLineComment, .blockComment, .docBlockComment: return .comment
        default: return .plain
        }
    }
}

extension Theme {
    func style(for kind: SwiftHighlighter.TokenKind) -> TextStyle {
        switch kind {
        case .plain: return .plain
        case .keyword: return keyword
        case .typeName: return typeName
        case .string: return string
        case .number: return number
        case .comment: return comment
        case .attribute: return attribute
        case .directive: return directive
        }
    }
}

/// Collects tokens, merging neighbours of one kind.
private struct Painter {
    var tokens: [SwiftHighlighter.Token] = []

    mutating func add(_ kind: SwiftHighlighter.TokenKind, _ text: String) {
        guard !text.isEmpty else { return }
        if let last = tokens.last, last.kind == kind {
            tokens[tokens.count - 1].text += text
        } else {
            tokens.append(.init(kind, text))
        }
    }

    /// Comments are comments; other trivia is `kind`, or plain when nil.
    mutating func add(_ trivia: Trivia, as kind: SwiftHighlighter.TokenKind?) {
        for piece in trivia {
            var text = ""
            piece.write(to: &text)
            add(kind ?? (piece.isComment ? .comment : .plain), text)
        }
    }
}

/// Source code for `show <program>`: highlighted, optionally with a line-number gutter.
public enum SourceListing {
    public static func render(_ source: String, theme: Theme, lineNumbers: Bool = true) -> [String] {
        var lines = SwiftHighlighter.highlight(source, theme: theme)
        if lines.count > 1, lines.last == "" { lines.removeLast() }
        guard lineNumbers else { return lines }
        let gutter = String(lines.count).count
        return lines.enumerated().map { offset, line in
            let number = String(offset + 1)
            let label = String(repeating: " ", count: gutter - number.count) + number
            return theme.paint(label, theme.lineNumber) + (line.isEmpty ? "" : "  " + line)
        }
    }
}
