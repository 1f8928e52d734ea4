/// Finds the `scenario(...)` declarations in a Swift source, skipping comments and string
/// literals, so the checker knows how many scenarios a complete run must report.
///
/// A light lexer, not a parser: it recognises `//` and nested `/* */` comments, `"..."`,
/// `"""..."""` and raw `#"..."#` strings, and a call is the identifier `scenario` (not preceded by
/// `.` or an identifier character) followed by optional spaces and `(`.
public enum ScenarioScanner {
    public struct Declaration: Sendable, Equatable {
        /// The name when the first argument is a plain string literal, e.g. `scenario("lost update")`.
        public var name: String?
        public var line: Int
    }

    public static func declarations(in source: String) -> [Declaration] {
        var lexer = Lexer(Array(source.unicodeScalars))
        var found: [Declaration] = []
        while let token = lexer.nextCodeIdentifier() {
            guard token.text == "scenario", token.precededBy != ".", lexer.skipSpaces() == "(" else { continue }
            lexer.advance()
            _ = lexer.skipSpaces()
            found.append(Declaration(name: lexer.plainStringLiteral(), line: token.line))
        }
        return found
    }

    private struct Lexer {
        let chars: [Unicode.Scalar]
        var index = 0
        var line = 1

        init(_ chars: [Unicode.Scalar]) { self.chars = chars }

        func peek(_ offset: Int = 0) -> Unicode.Scalar? {
            index + offset < chars.count ? chars[index + offset] : nil
        }

        mutating func advance(_ count: Int = 1) {
            for _ in 0..<count where index < chars.count {
                if chars[index] == "\n" { line += 1 }
                index += 1
            }
        }

        static func isIdentifier(_ c: Unicode.Scalar) -> Bool {
            c == "_" || c.properties.isAlphabetic || ("0"..."9").contains(c)
        }

        /// Skips spaces and newlines (not comments) and returns the next character.
        mutating func skipSpaces() -> Unicode.Scalar? {
            while let c = peek(), c == " " || c == "\t" || c == "\n" || c == "\r" { advance() }
            return peek()
        }

        /// The next identifier that is code, or nil at the end.
        mutating func nextCodeIdentifier() -> (text: String, line: Int, precededBy: Unicode.Scalar?)? {
            var previous: Unicode.Scalar?
            while let c = peek() {
                if c == "/" && peek(1) == "/" {
                    while let d = peek(), d != "\n" { advance() }
                } else if c == "/" && peek(1) == "*" {
                    skipBlockComment()
                } else if c == "#" || c == "\"" {
                    if !skipStringLiteral() { advance() }
                } else if Lexer.isIdentifier(c) && !("0"..."9").contains(c) {
                    let start = index, startLine = line
                    while let d = peek(), Lexer.isIdentifier(d) { advance() }
                    var text = ""
                    text.unicodeScalars.append(contentsOf: chars[start..<index])
                    return (text, startLine, previous)
                } else {
                    if c != " " && c != "\t" && c != "\n" { previous = c }
                    advance()
                    continue
                }
                previous = nil
            }
            return nil
        }

        mutating func skipBlockComment() {
            var depth = 0
            repeat {
                if peek() == "/" && peek(1) == "*" { depth += 1; advance(2) }
                else if peek() == "*" && peek(1) == "/" { depth -= 1; advance(2) }
                else { advance() }
            } while depth > 0 && peek() != nil
        }

        /// Skips a string literal starting here (with any `#` delimiters). False if none starts here.
        mutating func skipStringLiteral() -> Bool {
            var hashes = 0
            while peek(hashes) == "#" { hashes += 1 }
            guard peek(hashes) == "\"" else { return false }
            advance(hashes)
            let multiline = peek(1) == "\"" && peek(2) == "\""
            let quotes = multiline ? 3 : 1
            advance(quotes)
            while let c = peek() {
                if c == "\\" && closesHashes(at: 1, hashes) {
                    advance(1 + hashes + 1)  // an escape: the backslash, its hashes and one character
                    continue
                }
                if c == "\"" && (0..<quotes).allSatisfy({ peek($0) == "\"" }) && closesHashes(at: quotes, hashes) {
                    advance(quotes + hashes)
                    return true
                }
                if c == "\n" && !multiline { return true }  // unterminated: stop at the line end
                advance()
            }
            return true
        }

        private func closesHashes(at offset: Int, _ hashes: Int) -> Bool {
            (0..<hashes).allSatisfy { peek(offset + $0) == "#" }
        }

        /// Reads `"text"` with simple escapes when it is the next token, else nil.
        mutating func plainStringLiteral() -> String? {
            guard peek() == "\"", peek(1) != "\"" || peek(2) != "\"" else { return nil }
            var text = ""
            var i = index + 1
            while i < chars.count {
                let c = chars[i]
                if c == "\"" { return text }
                if c == "\n" || (c == "\\" && i + 1 < chars.count && chars[i + 1] == "(") { return nil }
                if c == "\\", i + 1 < chars.count {
                    let escaped = chars[i + 1]
                    switch escaped {
                    case "n": text += "\n"
                    case "t": text += "\t"
                    default: text.unicodeScalars.append(escaped)
                    }
                    i += 2
                    continue
                }
                text.unicodeScalars.append(c)
                i += 1
            }
            return nil
        }
    }
}
