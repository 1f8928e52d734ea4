/// A REPL line split into a command word and its arguments.
public struct ParsedCommand: Sendable, Equatable {
    public var name: String
    public var arguments: [String]

    /// Words after the command that are not options.
    public var positional: [String] { Self.split(arguments).positional }

    /// `--name value` pairs and bare flags (value "").
    public var options: [String: String] { Self.split(arguments).options }

    static func split(_ arguments: [String]) -> (positional: [String], options: [String: String]) {
        var positional: [String] = []
        var options: [String: String] = [:]
        var i = 0
        while i < arguments.count {
            let word = arguments[i]
            if word.hasPrefix("--") {
                let key = String(word.dropFirst(2))
                if let eq = key.firstIndex(of: "=") {
                    options[String(key[..<eq])] = String(key[key.index(after: eq)...])
                } else if i + 1 < arguments.count, !arguments[i + 1].hasPrefix("--"), !CommandLineParser.flags.contains(key) {
                    options[key] = arguments[i + 1]
                    i += 1
                } else {
                    options[key] = ""
                }
            } else {
                positional.append(word)
            }
            i += 1
        }
        return (positional, options)
    }
}

public enum CommandLineParser {
    /// Options that never take a value.
    static let flags: Set<String> = ["json", "stress", "help"]

    public enum Failure: Error, Equatable, Sendable { case unterminatedQuote }

    /// Splits on whitespace, honouring 'single' and "double" quotes. An empty line is nil.
    public static func parse(_ line: String) throws(Failure) -> ParsedCommand? {
        let words = try tokenize(line)
        guard let first = words.first else { return nil }
        return ParsedCommand(name: first, arguments: Array(words.dropFirst()))
    }

    public static func tokenize(_ line: String) throws(Failure) -> [String] {
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
        guard quote == nil else { throw .unterminatedQuote }
        if inWord { words.append(current) }
        return words
    }
}
