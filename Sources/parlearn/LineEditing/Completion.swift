/// What a TAB press does to the line, worked out from the candidates alone (no terminal involved).
struct Completion: Equatable {
    /// Text to insert at the cursor (may be empty).
    let insertion: String
    /// Candidates to list below the line; empty when the word was completed or nothing matched.
    let listing: [String]

    /// The word being completed: the text after the last space before the cursor.
    static func word(before lineUpToCursor: String) -> Substring {
        lineUpToCursor.split(separator: " ", omittingEmptySubsequences: false).last ?? ""
    }

    /// nil when no candidate starts with the word (the editor beeps). One match is inserted with a
    /// trailing space; several insert their longest common prefix and are listed, as a shell does.
    init?(word: Substring, candidates: [String]) {
        let matches = Array(Set(candidates.filter { $0.hasPrefix(word) })).sorted()
        guard let first = matches.first else { return nil }
        if matches.count == 1 {
            insertion = String(first.dropFirst(word.count)) + " "
            listing = []
            return
        }
        let common = matches.dropFirst().reduce(Substring(first)) { prefix, match in
            prefix.prefix(zip(prefix, match).prefix { $0 == $1 }.count)
        }
        insertion = String(common.dropFirst(word.count))
        listing = matches
    }

    /// `items` in columns across `width`, filled down the columns first (like `ls`), one string a
    /// line with no trailing spaces.
    static func columns(_ items: [String], width: Int) -> [String] {
        guard let longest = items.map(\.count).max() else { return [] }
        let columnWidth = longest + 2
        let columnCount = max(1, (width + 2) / columnWidth)  // the last column needs no gap
        let rowCount = (items.count + columnCount - 1) / columnCount
        return (0..<rowCount).map { row in
            let cells = stride(from: row, to: items.count, by: rowCount).map { items[$0] }
            return cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell + String(repeating: " ", count: columnWidth - cell.count)
            }.joined()
        }
    }
}
