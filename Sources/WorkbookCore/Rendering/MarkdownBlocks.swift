import Foundation

/// Block structure of the lesson markdown subset (see docs/markdown-subset.md).
indirect enum MarkdownBlock: Equatable, Sendable {
    case heading(level: Int, text: String)
    case paragraph(String)
    case code(language: String, lines: [String])
    /// `start` is the first number of an ordered list, nil for bullets.
    case list(start: Int?, items: [[MarkdownBlock]])
    case quote([MarkdownBlock])
    case table(header: [String], alignments: [ColumnAlignment], rows: [[String]])
    case rule
}

public enum ColumnAlignment: Sendable, Equatable {
    case left, center, right
}

/// A line-oriented parser: each construct is recognised by its first line, containers
/// (lists, quotes) collect their lines and parse them again, so nesting falls out of recursion.
enum MarkdownParser {
    static func parse(_ markdown: String) -> [MarkdownBlock] {
        let lines = markdown.replacingOccurrences(of: "\r\n", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { expandTabs(String($0)) }
        return parse(lines[...])
    }

    static func parse(_ lines: ArraySlice<String>) -> [MarkdownBlock] {
        var blocks: [MarkdownBlock] = []
        var rest = lines
        while let line = rest.first {
            if isBlank(line) {
                rest.removeFirst()
            } else if line.trimmingCharacters(in: .whitespaces).hasPrefix("<!--") {
                skipComment(&rest)
            } else if let fence = Fence(line) {
                blocks.append(fence.consume(&rest))
            } else if let heading = heading(line) {
                blocks.append(heading)
                rest.removeFirst()
            } else if isRule(line) {
                blocks.append(.rule)
                rest.removeFirst()
            } else if quoteContent(line) != nil {
                blocks.append(quote(&rest))
            } else if ListMarker(line) != nil {
                blocks.append(list(&rest))
            } else if let table = table(&rest) {
                blocks.append(table)
            } else {
                blocks.append(paragraph(&rest))
            }
        }
        return blocks
    }

    // MARK: Leaf blocks

    private static func heading(_ line: String) -> MarkdownBlock? {
        let trimmed = line.drop { $0 == " " }
        let hashes = trimmed.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes), line.count - trimmed.count < 4 else { return nil }
        let after = trimmed.dropFirst(hashes)
        guard after.isEmpty || after.first == " " else { return nil }
        var text = after.trimmingCharacters(in: .whitespaces)
        // An optional closing run of #s, as in `## Title ##`.
        if let closing = text.range(of: #"\s+#+$"#, options: .regularExpression) { text.removeSubrange(closing) }
        if text.allSatisfy({ $0 == "#" }) { text = "" }
        return .heading(level: hashes, text: text)
    }

    private static func isRule(_ line: String) -> Bool {
        let marks = line.filter { $0 != " " }
        guard marks.count >= 3, let first = marks.first, "-*_".contains(first) else { return false }
        return marks.allSatisfy { $0 == first } && indent(line) < 4
    }

    private static func paragraph(_ rest: inout ArraySlice<String>) -> MarkdownBlock {
        var text: [String] = []
        while let line = rest.first, !isBlank(line), text.isEmpty || !(interruptsParagraph(line) || startsTable(rest)) {
            text.append(line.trimmingCharacters(in: .whitespaces))
            rest.removeFirst()
        }
        return .paragraph(text.joined(separator: " "))
    }

    private static func interruptsParagraph(_ line: String) -> Bool {
        Fence(line) != nil || heading(line) != nil || isRule(line) || quoteContent(line) != nil
            || startsListInsideParagraph(line) || line.trimmingCharacters(in: .whitespaces).hasPrefix("<!--")
    }

    /// As in CommonMark, only a bullet or `1.` starts a list inside a paragraph, so a wrapped
    /// sentence whose line happens to begin "150. Then" stays prose.
    private static func startsListInsideParagraph(_ line: String) -> Bool {
        guard let marker = ListMarker(line), !marker.content.isEmpty else { return false }
        return !marker.ordered || marker.number == 1
    }

    /// HTML comments (include and transcript markers) are for tools, not readers.
    private static func skipComment(_ rest: inout ArraySlice<String>) {
        while let line = rest.popFirst(), !line.contains("-->") {}
    }

    // MARK: Containers

    private static func quoteContent(_ line: String) -> String? {
        guard indent(line) < 4 else { return nil }
        let trimmed = line.drop { $0 == " " }
        guard trimmed.first == ">" else { return nil }
        let content = trimmed.dropFirst()
        return String(content.first == " " ? content.dropFirst() : content)
    }

    private static func quote(_ rest: inout ArraySlice<String>) -> MarkdownBlock {
        var inner: [String] = []
        while let line = rest.first, let content = quoteContent(line) {
            inner.append(content)
            rest.removeFirst()
        }
        return .quote(parse(inner[...]))
    }

    /// Items are a marker line plus the following lines indented past the marker's own indent
    /// (blank lines included when more indented lines follow). Sibling items of the same kind
    /// form one list; a change from bullets to numbers starts a new list.
    private static func list(_ rest: inout ArraySlice<String>) -> MarkdownBlock {
        guard let first = rest.first.flatMap(ListMarker.init) else { return paragraph(&rest) }
        var items: [[MarkdownBlock]] = []
        while let line = rest.first, let marker = ListMarker(line), marker.ordered == first.ordered,
            marker.indent <= first.indent + 1
        {
            rest.removeFirst()
            var body = [marker.content]
            while let next = rest.first {
                if isBlank(next) {
                    guard let following = rest.dropFirst().first(where: { !isBlank($0) }),
                        indent(following) > marker.indent
                    else { break }
                    body.append("")
                } else if indent(next) > marker.indent {
                    body.append(String(next.dropFirst(min(indent(next), marker.contentColumn))))
                } else {
                    break
                }
                rest.removeFirst()
            }
            items.append(parse(body[...]))
        }
        return .list(start: first.ordered ? first.number : nil, items: items)
    }

    // MARK: Tables

    private static func startsTable(_ lines: ArraySlice<String>) -> Bool {
        guard let header = lines.first, isTableRow(header), let second = lines.dropFirst().first else { return false }
        return alignmentRow(second) != nil
    }

    /// A pipe table: a `|`-started header row, an alignment row, then `|`-started rows.
    private static func table(_ rest: inout ArraySlice<String>) -> MarkdownBlock? {
        guard startsTable(rest), let header = rest.first, let alignments = alignmentRow(rest[rest.startIndex + 1])
        else { return nil }
        let headerCells = cells(header)
        rest.removeFirst(2)
        var rows: [[String]] = []
        while let line = rest.first, isTableRow(line) {
            rows.append(cells(line))
            rest.removeFirst()
        }
        let columns = max(headerCells.count, alignments.count, rows.map(\.count).max() ?? 0)
        func padded(_ row: [String]) -> [String] { row + Array(repeating: "", count: columns - row.count) }
        let aligns = alignments + Array(repeating: .left, count: columns - alignments.count)
        return .table(header: padded(headerCells), alignments: aligns, rows: rows.map(padded))
    }

    private static func isTableRow(_ line: String) -> Bool {
        line.trimmingCharacters(in: .whitespaces).hasPrefix("|")
    }

    private static func alignmentRow(_ line: String) -> [ColumnAlignment]? {
        guard isTableRow(line) else { return nil }
        var result: [ColumnAlignment] = []
        for cell in cells(line) {
            let spec = cell.filter { $0 != " " }
            guard spec.contains("-"), spec.allSatisfy({ $0 == "-" || $0 == ":" }) else { return nil }
            switch (spec.hasPrefix(":"), spec.hasSuffix(":")) {
            case (true, true): result.append(.center)
            case (false, true): result.append(.right)
            default: result.append(.left)
            }
        }
        return result
    }

    /// Cells split at `|` outside code spans; `\|` is a literal pipe.
    static func cells(_ line: String) -> [String] {
        var trimmed = Substring(line.trimmingCharacters(in: .whitespaces))
        if trimmed.hasPrefix("|") { trimmed.removeFirst() }
        if trimmed.hasSuffix("|"), !trimmed.hasSuffix("\\|") { trimmed.removeLast() }
        var cells: [String] = []
        var cell = ""
        var inCode = false
        var previous: Character = " "
        for c in trimmed {
            if c == "`" { inCode.toggle() }
            if c == "|", !inCode, previous != "\\" {
                cells.append(cell)
                cell = ""
            } else if c == "|", previous == "\\" {
                cell.removeLast()
                cell.append(c)
            } else {
                cell.append(c)
            }
            previous = c
        }
        cells.append(cell)
        return cells.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    // MARK: Lines

    static func isBlank(_ line: String) -> Bool { line.allSatisfy { $0 == " " } }

    static func indent(_ line: String) -> Int { line.prefix { $0 == " " }.count }

    private static func expandTabs(_ line: String) -> String {
        guard line.contains("\t") else { return line }
        var out = ""
        for c in line {
            if c == "\t" {
                out += String(repeating: " ", count: 4 - out.count % 4)
            } else {
                out.append(c)
            }
        }
        return out
    }
}

/// A list item's first line: `- `, `* `, `+ `, `1. ` or `1) `.
struct ListMarker {
    let indent: Int
    let ordered: Bool
    let number: Int
    /// Where the item's text starts; continuation lines are de-indented up to here.
    let contentColumn: Int
    let content: String

    init?(_ line: String) {
        let indent = MarkdownParser.indent(line)
        let rest = line.dropFirst(indent)
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        let markerLength: Int
        if let first = rest.first, "-*+".contains(first), digits.isEmpty {
            markerLength = 1
            ordered = false
            number = 0
        } else if (1...9).contains(digits.count), let delimiter = rest.dropFirst(digits.count).first, ".)".contains(delimiter) {
            markerLength = digits.count + 1
            ordered = true
            number = Int(digits) ?? 1
        } else {
            return nil
        }
        let after = rest.dropFirst(markerLength)
        guard after.isEmpty || after.first == " " else { return nil }
        let spaces = after.prefix { $0 == " " }.count
        self.indent = indent
        self.contentColumn = indent + markerLength + max(1, min(spaces, 4))
        self.content = String(after.dropFirst(spaces))
    }
}

/// An opening code fence: three or more backticks or tildes, and an optional language.
struct Fence {
    let indent: Int
    let marker: Character
    let length: Int
    let language: String

    init?(_ line: String) {
        indent = MarkdownParser.indent(line)
        let rest = line.dropFirst(indent)
        guard indent < 4, let first = rest.first, first == "`" || first == "~" else { return nil }
        marker = first
        length = rest.prefix { $0 == first }.count
        let info = rest.dropFirst(length).trimmingCharacters(in: .whitespaces)
        guard length >= 3, !(first == "`" && info.contains("`")) else { return nil }
        language = info.split(separator: " ").first.map(String.init) ?? ""
    }

    /// The code block starting at `rest.first`, up to the closing fence or the end of input.
    func consume(_ rest: inout ArraySlice<String>) -> MarkdownBlock {
        rest.removeFirst()
        var lines: [String] = []
        while let line = rest.popFirst() {
            if closes(line) { break }
            lines.append(String(line.dropFirst(min(indent, MarkdownParser.indent(line)))))
        }
        return .code(language: language, lines: lines)
    }

    private func closes(_ line: String) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        return MarkdownParser.indent(line) < 4 && trimmed.count >= length && trimmed.allSatisfy { $0 == marker }
    }
}
