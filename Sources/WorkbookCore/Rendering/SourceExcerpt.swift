import Foundation

/// The part of a source file `show` prints: all of an ordinary program, only the start of a
/// huge one (highlighting and printing 5 MB at once helps nobody and stalls the terminal).
public struct SourceExcerpt: Sendable, Equatable {
    public var text: String
    /// Set when the file was cut: how much is shown and where the whole file is.
    public var truncation: String?

    public static let maxLines = 2000

    /// Nil when the file cannot be read or is not UTF-8 text.
    public static func read(_ url: URL, maxLines: Int = maxLines) -> SourceExcerpt? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        let newline = UInt8(ascii: "\n")
        let total = data.reduce(0) { $0 + ($1 == newline ? 1 : 0) } + (data.last == newline || data.isEmpty ? 0 : 1)
        guard total > maxLines else { return String(data: data, encoding: .utf8).map { SourceExcerpt(text: $0) } }
        var seen = 0
        let end =
            data.firstIndex { byte in
                if byte == newline { seen += 1 }
                return seen == maxLines
            } ?? data.endIndex
        guard let text = String(data: data[..<end], encoding: .utf8) else { return nil }
        return SourceExcerpt(
            text: text, truncation: "[the first \(maxLines) of \(total) lines; the whole file is \(url.path)]")
    }
}
