import Foundation

/// Renders the lesson markdown subset (docs/markdown-subset.md) for a terminal.
///
/// Pure: the same markdown, theme and width always give the same lines. Prose wraps to
/// `min(width, 100)`; code blocks are never wrapped. With colour off the output keeps
/// markdown's own markers (`# Title`, `**bold**`, `` `code` ``, a ```` ```swift ```` fence) and
/// contains no escape byte. No line ends in spaces.
public struct MarkdownRenderer: Sendable {
    public var theme: Theme
    /// The terminal width in columns.
    public var width: Int

    public init(theme: Theme, width: Int) {
        self.theme = theme
        self.width = max(width, TerminalWidth.minimum)
    }

    /// The rendered document, lines joined with newlines (no trailing newline).
    public func render(_ markdown: String) -> String {
        renderLines(markdown).joined(separator: "\n")
    }

    public func renderLines(_ markdown: String) -> [String] {
        render(MarkdownParser.parse(markdown), width: width, depth: 0, tight: false)
    }

    /// The chapter split at its `##` headings, for paging with `read`, `next` and `prev`.
    /// The first section is everything before the first `##` (usually the `#` title and an
    /// introduction), titled by the `#` heading; it is left out when empty.
    public func sections(_ markdown: String) -> [RenderedSection] {
        var groups: [[MarkdownBlock]] = [[]]
        for block in MarkdownParser.parse(markdown) {
            if case .heading(level: 2, _) = block { groups.append([]) }
            groups[groups.count - 1].append(block)
        }
        if groups[0].isEmpty { groups.removeFirst() }
        return groups.map { blocks in
            RenderedSection(title: Self.title(of: blocks), lines: render(blocks, width: width, depth: 0, tight: false))
        }
    }

    private static func title(of blocks: [MarkdownBlock]) -> String {
        for block in blocks {
            if case .heading(_, let text) = block { return InlineParser.plainText(InlineParser.parse(text)) }
        }
        return "Introduction"
    }

    // MARK: Blocks

    private var styler: InlineStyler { InlineStyler(theme: theme) }

    private func render(_ blocks: [MarkdownBlock], width: Int, depth: Int, tight: Bool) -> [String] {
        var lines: [String] = []
        var previous: MarkdownBlock?
        for block in blocks {
            let rendered = render(block, width: width, depth: depth)
            if let previous, !rendered.isEmpty, !(tight && (previous.isList || block.isList)) { lines.append("") }
            lines += rendered
            previous = block
        }
        return lines
    }

    private func render(_ block: MarkdownBlock, width: Int, depth: Int) -> [String] {
        switch block {
        case .heading(let level, let text): return heading(level: level, text: text, width: width)
        case .paragraph(let text): return paragraph(styler.runs(InlineParser.parse(text)), width: width)
        case .code(let language, let lines): return code(language: language, lines: lines)
        case .list(let start, let items): return list(start: start, items: items, width: width, depth: depth)
        case .quote(let blocks): return quote(blocks, width: width, depth: depth)
        case .table(let header, let alignments, let rows):
            return table(header: header, alignments: alignments, rows: rows, width: width)
        case .rule:
            return [theme.colour ? theme.paint(String(repeating: "─", count: TerminalWidth.prose(width)), theme.rule) : "---"]
        }
    }

    private func paragraph(_ runs: [StyledRun], width: Int) -> [String] {
        TextWrapper.wrap(TextWrapper.words(runs), width: TerminalWidth.prose(width), theme: theme)
    }

    private func heading(level: Int, text: String, width: Int) -> [String] {
        let style = theme.heading(level: level)
        let runs = styler.runs(InlineParser.parse(text), base: theme.colour ? style : .plain)
        guard !theme.colour else { return paragraph(runs, width: width) }
        let marker = String(repeating: "#", count: level) + " "
        return hanging(marker, paragraph(runs, width: width - marker.count))
    }

    private func code(language: String, lines: [String]) -> [String] {
        let body = language.lowercased() == "swift"
            ? SwiftHighlighter.highlight(lines.joined(separator: "\n"), theme: theme)
            : lines.map(TextWrapper.trimTrailing)
        let indented = body.map { $0.isEmpty ? "" : "    " + $0 }
        guard theme.colour else { return ["  ```" + language] + indented + ["  ```"] }
        return (language.isEmpty ? [] : ["  " + theme.paint(language, theme.codeLabel)]) + indented
    }

    private func list(start: Int?, items: [[MarkdownBlock]], width: Int, depth: Int) -> [String] {
        let markers: [String] = items.indices.map { index in
            if let start { return "\(start + index)." }
            guard theme.colour else { return "-" }
            return ["•", "◦", "▪"][depth % 3]
        }
        let markerWidth = markers.map(\.count).max() ?? 1
        var lines: [String] = []
        for (marker, item) in zip(markers, items) {
            let padded = String(repeating: " ", count: markerWidth - marker.count) + marker
            let body = render(item, width: width - markerWidth - 1, depth: depth + 1, tight: true)
            lines += hanging(theme.paint(padded, theme.bullet) + " ", body, markerWidth: markerWidth + 1)
        }
        return lines
    }

    /// `body` with `marker` before its first line and the marker's width of spaces before the rest.
    private func hanging(_ marker: String, _ body: [String], markerWidth: Int? = nil) -> [String] {
        let pad = String(repeating: " ", count: markerWidth ?? DisplayWidth.of(marker))
        guard !body.isEmpty else { return [TextWrapper.trimTrailing(marker)] }
        return body.enumerated().map { index, line in
            if index == 0 { return line.isEmpty ? TextWrapper.trimTrailing(marker) : marker + line }
            return line.isEmpty ? "" : pad + line
        }
    }

    /// A `│ `-barred quote; one whose first line is **Coming from Python** becomes a titled box.
    private func quote(_ blocks: [MarkdownBlock], width: Int, depth: Int) -> [String] {
        var blocks = blocks
        var barStyle = theme.quoteBar
        var lines: [String] = []
        if case .paragraph(let text)? = blocks.first, let (title, rest) = Self.pythonTitle(text) {
            barStyle = theme.pythonBar
            let titleRuns = theme.colour ? [StyledRun(title, theme.pythonTitle)] : [StyledRun("**\(title)**")]
            lines = paragraph(titleRuns, width: width - 2)
            blocks.removeFirst()
            if !rest.isEmpty { blocks.insert(.paragraph(rest), at: 0) }
        }
        lines += render(blocks, width: width - 2, depth: depth, tight: false)
        let bar = theme.paint("│", barStyle)
        return lines.map { $0.isEmpty ? bar : bar + " " + $0 }
    }

    /// The box title and the remaining text when `text` starts with `**Coming from Python…**`.
    static func pythonTitle(_ text: String) -> (title: String, rest: String)? {
        let nodes = InlineParser.parse(text)
        guard case .strong(let inner)? = nodes.first else { return nil }
        let title = InlineParser.plainText(inner)
        guard title.lowercased().hasPrefix("coming from python") else { return nil }
        guard let close = text.range(of: "**", range: text.index(text.startIndex, offsetBy: 2)..<text.endIndex) else {
            return nil
        }
        return (title, String(text[close.upperBound...]).trimmingCharacters(in: .whitespaces))
    }

    private func table(header: [String], alignments: [ColumnAlignment], rows: [[String]], width: Int) -> [String] {
        func cell(_ text: String) -> Grid.Cell { TextWrapper.words(styler.runs(InlineParser.parse(text))) }
        let cells = rows.map { $0.map(cell) }
        let minimums = (0..<alignments.count).map { column in
            min(12, max(4, (([header[column]] + rows.map { $0[column] }).map(cell).flatMap { $0 }.map(\.width).max() ?? 0)))
        }
        let grid = Grid(
            header: header.map(cell), rows: cells, alignments: alignments, minimumWidths: minimums,
            borders: theme.colour ? .inner : .pipes, theme: theme)
        if let lines = grid.layout(width: width) { return lines }
        // Too narrow for columns: one record per row, each value under its column's name.
        var lines: [String] = []
        for row in rows {
            if !lines.isEmpty { lines.append("") }
            for (name, value) in zip(header, row) {
                let label = styler.runs(InlineParser.parse(name), base: theme.tableHeader)
                let runs = label + [StyledRun(": ")] + styler.runs(InlineParser.parse(value))
                lines += hanging("", TextWrapper.wrap(TextWrapper.words(runs), width: width - 2, theme: theme), markerWidth: 2)
            }
        }
        return lines
    }
}

/// One `##` section of a chapter, rendered.
public struct RenderedSection: Sendable, Equatable {
    /// The heading's text without markup.
    public let title: String
    public let lines: [String]

    public init(title: String, lines: [String]) {
        self.title = title
        self.lines = lines
    }
}

/// The result of looking a section up by name.
public enum SectionLookup: Sendable, Equatable {
    case found(Int)
    /// Several titles start with the name; their indices, for a "did you mean" list.
    case ambiguous([Int])
    case notFound
}

extension RenderedSection {
    /// Finds a section by title, ignoring case and surrounding spaces: an exact title first,
    /// then a unique title prefix, then a unique title containing the name.
    public static func find(_ name: String, in sections: [RenderedSection]) -> SectionLookup {
        let key = normalised(name)
        guard !key.isEmpty else { return .notFound }
        let titles = sections.map { normalised($0.title) }
        if let exact = titles.firstIndex(of: key) { return .found(exact) }
        // `read 3` is the third section, as the section list numbers them.
        if let number = Int(key) { return sections.indices.contains(number - 1) ? .found(number - 1) : .notFound }
        for matches in [titles.indices.filter { titles[$0].hasPrefix(key) }, titles.indices.filter { titles[$0].contains(key) }] {
            if matches.count == 1 { return .found(matches[0]) }
            if matches.count > 1 { return .ambiguous(matches) }
        }
        return .notFound
    }

    private static func normalised(_ text: String) -> String {
        text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

extension MarkdownBlock {
    fileprivate var isList: Bool {
        if case .list = self { return true }
        return false
    }
}
