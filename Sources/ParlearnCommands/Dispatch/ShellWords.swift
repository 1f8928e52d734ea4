/// Splits a REPL line into words the way a shell would, so that a line pasted from a terminal
/// (`parlearn read 01-threads "bank transfer"`) means the same in the REPL.
public enum ShellWords {
    public struct UnterminatedQuote: Error, Equatable, Sendable {}

    /// Splits on whitespace, honouring 'single' and "double" quotes (a quoted empty string is a word).
    public static func split(_ line: String) throws(UnterminatedQuote) -> [String] {
        var words: [String] = []
        var current = ""
        var quote: Character?
        var inWord = false
        for ch in line {
            if let q = quote {
                if ch == q { quote = nil } else { current.append(ch) }
            } else if ch == "'" || ch == "\"" {
                quote = ch
                inWord = true
            } else if ch.isWhitespace {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(ch)
                inWord = true
            }
        }
        guard quote == nil else { throw UnterminatedQuote() }
        if inWord { words.append(current) }
        return words
    }
}
