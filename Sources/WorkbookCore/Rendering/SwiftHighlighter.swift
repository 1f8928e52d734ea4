import Foundation

/// A small Swift tokenizer for colouring code in lessons and `show <program>`.
///
/// It knows what a reader needs to see: keywords, type names (capitalised identifiers), strings
/// with their interpolations, multi-line and raw strings, numbers, comments (nested `/* */` too),
/// attributes such as `@Sendable` and directives such as `#fileID`. It never rejects input:
/// unterminated strings and comments simply run to the end.
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

    /// The tokens of `source`; their texts concatenate back to `source` exactly.
    public static func tokens(_ source: String) -> [Token] {
        var scanner = SwiftScanner(Array(source))
        scanner.code(untilUnmatchedParen: false)
        return scanner.tokens
    }

    /// `source` as painted lines (each line carries its own reset, so lines can be paged
    /// or prefixed independently). With colour off the lines are the source with tabs expanded
    /// to 4 columns and trailing blanks dropped.
    public static func highlight(_ source: String, theme: Theme) -> [String] {
        let cleaned = source.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
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

    static let keywords: Set<String> = [
        "actor", "any", "as", "associatedtype", "async", "await", "borrowing", "break", "case", "catch",
        "class", "consume", "consuming", "continue", "convenience", "default", "defer", "deinit", "didSet",
        "do", "dynamic", "else", "enum", "extension", "fallthrough", "false", "fileprivate", "final", "for",
        "func", "guard", "if", "import", "in", "indirect", "init", "inout", "internal", "is", "isolated",
        "lazy", "let", "mutating", "nil", "nonisolated", "nonmutating", "open", "operator", "override",
        "package", "private", "protocol", "public", "repeat", "required", "rethrows", "return", "self",
        "Self", "sending", "some", "static", "struct", "subscript", "super", "switch", "throw", "throws",
        "true", "try", "typealias", "unowned", "var", "weak", "where", "while", "willSet",
    ]
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

/// The tokenizer's cursor. Interpolations recurse into `code`, which stops at the `)` that
/// closes them, so strings inside interpolations inside strings work.
private struct SwiftScanner {
    let chars: [Character]
    var index = 0
    var tokens: [SwiftHighlighter.Token] = []

    init(_ chars: [Character]) { self.chars = chars }

    func at(_ offset: Int = 0) -> Character? {
        index + offset < chars.count ? chars[index + offset] : nil
    }

    func looking(at text: String) -> Bool {
        var offset = 0
        for c in text {
            guard at(offset) == c else { return false }
            offset += 1
        }
        return true
    }

    mutating func emit(_ kind: SwiftHighlighter.TokenKind, from start: Int) {
        guard index > start else { return }
        let text = String(chars[start..<index])
        if let last = tokens.last, last.kind == kind {
            tokens[tokens.count - 1].text += text
        } else {
            tokens.append(.init(kind, text))
        }
    }

    mutating func code(untilUnmatchedParen: Bool) {
        var depth = 0
        while let c = at() {
            let start = index
            if c == "(" {
                depth += 1
            } else if c == ")" {
                if untilUnmatchedParen, depth == 0 { return }
                depth -= 1
            }
            if looking(at: "//") {
                while let next = at(), next != "\n" { index += 1 }
                emit(.comment, from: start)
            } else if looking(at: "/*") {
                blockComment()
                emit(.comment, from: start)
            } else if c == "\"" || (c == "#" && rawStringHashes() != nil) {
                string()
            } else if c == "#" || c == "@", let next = at(1), next.isLetter || next == "_" {
                index += 1
                identifier()
                emit(c == "#" ? .directive : .attribute, from: start)
            } else if c.isNumber, c.isASCII {
                number()
                emit(.number, from: start)
            } else if c.isLetter || c == "_" {
                identifier()
                let word = String(chars[start..<index])
                let kind: SwiftHighlighter.TokenKind =
                    SwiftHighlighter.keywords.contains(word) ? .keyword
                    : (word.first?.isUppercase == true ? .typeName : .plain)
                emit(kind, from: start)
            } else if c == "`" {
                index += 1
                while let next = at(), next != "`", next != "\n" { index += 1 }
                if at() == "`" { index += 1 }
                emit(.plain, from: start)
            } else {
                index += 1
                emit(.plain, from: start)
            }
        }
    }

    mutating func identifier() {
        while let c = at(), c.isLetter || c.isNumber || c == "_" { index += 1 }
    }

    mutating func number() {
        while let c = at() {
            if c.isLetter || c.isNumber || c == "_" {
                index += 1
            } else if c == ".", let next = at(1), next.isNumber, next.isASCII {
                index += 1
            } else if c == "-" || c == "+", "eEpP".contains(chars[index - 1]), let next = at(1), next.isNumber {
                // The sign of an exponent, as in 1e-9.
                index += 1
            } else {
                return
            }
        }
    }

    mutating func blockComment() {
        var depth = 0
        while at() != nil {
            if looking(at: "/*") {
                depth += 1
                index += 2
            } else if looking(at: "*/") {
                depth -= 1
                index += 2
                if depth == 0 { return }
            } else {
                index += 1
            }
        }
    }

    /// The number of `#`s before a `"` at the cursor, if it opens a raw string.
    func rawStringHashes() -> Int? {
        var count = 0
        while at(count) == "#" { count += 1 }
        return count > 0 && at(count) == "\"" ? count : nil
    }

    /// A string literal at the cursor: `"…"`, `"""…"""`, raw `#"…"#`, with `\(…)` interpolations.
    mutating func string() {
        var start = index
        let hashes = rawStringHashes() ?? 0
        index += hashes
        let multiline = looking(at: "\"\"\"")
        index += multiline ? 3 : 1
        let close = (multiline ? "\"\"\"" : "\"") + String(repeating: "#", count: hashes)
        let escape = "\\" + String(repeating: "#", count: hashes)
        while let c = at() {
            if looking(at: close) {
                index += close.count
                break
            }
            if c == "\n", !multiline { break }
            if looking(at: escape) {
                index += escape.count
                if at() == "(" {
                    index += 1
                    emit(.string, from: start)
                    code(untilUnmatchedParen: true)
                    start = index
                    if at() == ")" { index += 1 }
                } else if at() != nil {
                    index += 1
                }
                continue
            }
            index += 1
        }
        emit(.string, from: start)
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
