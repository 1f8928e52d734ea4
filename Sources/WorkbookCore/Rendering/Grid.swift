import Foundation

/// A table of styled cells laid out in columns, shared by markdown tables and the interleaving table.
///
/// Columns start at their natural width; when the total does not fit, the widest column gives up
/// a column at a time (down to its minimum) and its cells wrap. When even the minimums do not fit,
/// ``layout(width:)`` returns nil and the caller picks another presentation.
struct Grid {
    typealias Cell = [StyledWord]

    struct Borders {
        var left: String
        var separator: String
        var right: String
        /// Draws the rule under the header for the given column widths and alignments.
        var rule: @Sendable ([Int], [ColumnAlignment]) -> String

        /// `a │ b` with a `──┼──` rule and no outer frame.
        static let inner = Borders(left: "", separator: " │ ", right: "") { widths, _ in
            widths.map { String(repeating: "─", count: $0) }.joined(separator: "─┼─")
        }
        /// Columns two spaces apart under a plain rule: reads as a list rather than a table.
        static let spaced = Borders(left: "", separator: "  ", right: "") { widths, _ in
            widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")
        }
        /// `| a | b |` with `|:---|---:|`: what a markdown reader expects without colour.
        static let pipes = Borders(left: "| ", separator: " | ", right: " |") { widths, alignments in
            let cells = zip(widths, alignments).map { width, alignment in
                let dashes = String(repeating: "-", count: width)
                switch alignment {
                case .left: return "-" + dashes + "-"
                case .center: return ":" + dashes + ":"
                case .right: return "-" + dashes + ":"
                }
            }
            return "|" + cells.joined(separator: "|") + "|"
        }

        func overhead(columns: Int) -> Int {
            DisplayWidth.of(left) + DisplayWidth.of(right) + DisplayWidth.of(separator) * max(columns - 1, 0)
        }
    }

    var header: [Cell]?
    var rows: [[Cell]]
    var alignments: [ColumnAlignment]
    /// Per-column lower bound when shrinking; a column never shrinks below its natural width's minimum of this.
    var minimumWidths: [Int]
    var borders: Borders
    var theme: Theme

    var columnCount: Int { alignments.count }

    var naturalWidths: [Int] {
        (0..<columnCount).map { column in
            ([header].compactMap { $0 } + rows).map { TextWrapper.width($0[column]) }.max() ?? 0
        }
    }

    /// Column widths fitting `width` in total, or nil if the columns cannot shrink enough.
    /// Columns first shrink no further than their longest word, so words break only when
    /// the table cannot fit otherwise.
    func columnWidths(fitting width: Int) -> [Int]? {
        let natural = naturalWidths
        let available = width - borders.overhead(columns: columnCount)
        let hard = zip(natural, minimumWidths).map { min($0, $1) }
        let soft = (0..<columnCount).map { column in
            max(hard[column], min(natural[column], longestWord(in: column)))
        }
        for floor in [soft, hard] where floor.reduce(0, +) <= available {
            return shrink(natural, to: available, floor: floor)
        }
        return nil
    }

    /// Takes a column at a time from the widest column above its floor; ties go to the
    /// rightmost, whose content (values, locations) tends to matter least.
    private func shrink(_ natural: [Int], to available: Int, floor: [Int]) -> [Int] {
        var widths = natural
        var excess = widths.reduce(0, +) - available
        while excess > 0, let column = widths.indices.filter({ widths[$0] > floor[$0] }).max(by: { widths[$0] <= widths[$1] }) {
            widths[column] -= 1
            excess -= 1
        }
        return widths
    }

    private func longestWord(in column: Int) -> Int {
        ([header].compactMap { $0 } + rows).flatMap { $0[column] }.map(\.width).max() ?? 0
    }

    /// The rendered lines, or nil when the table cannot fit `width`.
    func layout(width: Int) -> [String]? {
        guard let widths = columnWidths(fitting: width) else { return nil }
        var lines: [String] = []
        if let header {
            lines += render(row: header, widths: widths, style: theme.tableHeader)
            let rule = borders.rule(widths, alignments)
            lines.append(theme.paint(rule, theme.tableBorder))
        }
        for row in rows { lines += render(row: row, widths: widths, style: .plain) }
        return lines
    }

    private func render(row: [Cell], widths: [Int], style: TextStyle) -> [String] {
        let wrapped = zip(row, widths).map { cell, width in
            TextWrapper.fill(cell.map { restyled($0, style) }, width: width)
        }
        let height = max(wrapped.map(\.count).max() ?? 0, 1)
        return (0..<height).map { lineIndex in
            var line = border(borders.left)
            for column in 0..<columnCount {
                if column > 0 { line += border(borders.separator) }
                let words = lineIndex < wrapped[column].count ? wrapped[column][lineIndex] : []
                let isLast = column == columnCount - 1 && borders.right.isEmpty
                line += aligned(words, width: widths[column], alignment: alignments[column], padEnd: !isLast)
            }
            line += border(borders.right)
            return TextWrapper.trimTrailing(line)
        }
    }

    /// A border with only its visible part painted, so trailing spaces stay trimmable.
    private func border(_ text: String) -> String {
        let core = text.trimmingCharacters(in: .whitespaces)
        guard !core.isEmpty, let range = text.range(of: core) else { return text }
        return String(text[..<range.lowerBound]) + theme.paint(core, theme.tableBorder) + String(text[range.upperBound...])
    }

    private func restyled(_ word: StyledWord, _ style: TextStyle) -> StyledWord {
        guard !style.isPlain else { return word }
        return StyledWord(word.runs.map { StyledRun($0.text, style + $0.style, unbreakable: $0.unbreakable) })
    }

    private func aligned(_ words: [StyledWord], width: Int, alignment: ColumnAlignment, padEnd: Bool) -> String {
        let gap = max(width - TextWrapper.width(words), 0)
        let before: Int
        switch alignment {
        case .left: before = 0
        case .right: before = gap
        case .center: before = gap / 2
        }
        let after = padEnd ? gap - before : 0
        return String(repeating: " ", count: before) + TextWrapper.paint(words, theme) + String(repeating: " ", count: after)
    }
}
