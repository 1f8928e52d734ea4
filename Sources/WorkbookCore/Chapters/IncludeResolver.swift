import Foundation

/// Replaces `<!-- include file.swift -->` and `<!-- include file.swift#anchor -->` lines with
/// fenced Swift code taken from the chapter's programs, so prose and code never drift.
///
/// An anchor is the region between the comment lines `// [name]` and `// [/name]`. Marker lines
/// of any anchor are left out of what learners see.
public enum IncludeResolver {
    public struct Result: Sendable {
        public var text: String
        public var problems: [ContentProblem]
    }

    /// `<!-- include file.swift -->` or `<!-- include file.swift#anchor -->`: (file, anchor).
    /// Parsed by hand: Swift's Regex costs about a millisecond to build, per use.
    static func directive(in line: Substring) -> (file: String, anchor: String?)? {
        let text = line.trimmingCharacters(in: .whitespaces)
        guard text.hasPrefix("<!--"), text.hasSuffix("-->") else { return nil }
        let words = text.dropFirst(4).dropLast(3).split(whereSeparator: \.isWhitespace)
        guard words.count == 2, words[0] == "include" else { return nil }
        let parts = words[1].split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        guard !parts[0].isEmpty, parts.count == 1 || isName(parts[1]) else { return nil }
        return (String(parts[0]), parts.count == 2 ? String(parts[1]) : nil)
    }

    /// `// [name]` opens an anchor and `// [/name]` closes it: (name, closing).
    static func marker(in line: String) -> (name: String, closing: Bool)? {
        let text = line.trimmingCharacters(in: .whitespaces)
        guard text.hasPrefix("//") else { return nil }
        let rest = text.dropFirst(2).trimmingCharacters(in: .whitespaces)
        guard rest.hasPrefix("["), rest.hasSuffix("]") else { return nil }
        var name = rest.dropFirst().dropLast()
        let closing = name.hasPrefix("/")
        if closing { name = name.dropFirst() }
        return isName(name) ? (String(name), closing) : nil
    }

    private static func isName(_ text: Substring) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
    }

    public static func resolve(_ markdown: String, directory: URL, file: String) -> Result {
        var out: [String] = []
        var problems: [ContentProblem] = []
        for (index, line) in markdown.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard let (target, anchor) = directive(in: line) else {
                out.append(String(line))
                continue
            }
            switch code(of: target, anchor: anchor, directory: directory) {
            case .success(let code):
                out.append("```swift")
                out.append(contentsOf: code)
                out.append("```")
            case .failure(let message):
                problems.append(ContentProblem(file: file, line: index + 1, message: message))
                out.append("> include failed: \(message)")
            }
        }
        return Result(text: out.joined(separator: "\n"), problems: problems)
    }

    enum Lookup: Equatable { case success([String]), failure(String) }

    static func code(of target: String, anchor: String?, directory: URL) -> Lookup {
        let url = directory.appendingPathComponent(target)
        guard !target.contains(".."), let source = try? String(contentsOf: url, encoding: .utf8) else {
            return .failure("include points at \(target), which does not exist in \(directory.lastPathComponent)/")
        }
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let anchor else { return .success(trimBlankEdges(visibleLines(lines))) }
        guard let start = lines.firstIndex(where: { isMarker($0, name: anchor, closing: false) }) else {
            return .failure("include points at anchor '\(anchor)', which \(target) does not define (add `// [\(anchor)]` … `// [/\(anchor)]`)")
        }
        guard let end = lines[(start + 1)...].firstIndex(where: { isMarker($0, name: anchor, closing: true) }) else {
            return .failure("anchor '\(anchor)' in \(target) is opened at line \(start + 1) but never closed with `// [/\(anchor)]`")
        }
        return .success(trimBlankEdges(dedent(visibleLines(Array(lines[(start + 1)..<end])))))
    }

    /// The lines of a program as learners should see them: without anchor markers.
    public static func visibleLines(_ lines: [String]) -> [String] {
        lines.filter { marker(in: $0) == nil }
    }

    private static func isMarker(_ line: String, name: String, closing: Bool) -> Bool {
        guard let m = marker(in: line) else { return false }
        return m.name == name && m.closing == closing
    }

    private static func trimBlankEdges(_ lines: [String]) -> [String] {
        var lines = lines
        while lines.first?.allSatisfy(\.isWhitespace) == true { lines.removeFirst() }
        while lines.last?.allSatisfy(\.isWhitespace) == true { lines.removeLast() }
        return lines
    }

    /// Anchored regions inside a function keep their relative indentation only.
    private static func dedent(_ lines: [String]) -> [String] {
        let indents = lines.filter { !$0.allSatisfy(\.isWhitespace) }.map { $0.prefix(while: { $0 == " " }).count }
        let common = indents.min() ?? 0
        return lines.map { $0.allSatisfy(\.isWhitespace) ? "" : String($0.dropFirst(common)) }
    }
}
