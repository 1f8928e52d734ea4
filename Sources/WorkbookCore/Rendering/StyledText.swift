/// A piece of text in one style.
public struct StyledRun: Equatable, Sendable {
    public var text: String
    public var style: TextStyle
    /// Never split at its spaces when wrapping (inline code, a URL).
    public var unbreakable: Bool

    public init(_ text: String, _ style: TextStyle = .plain, unbreakable: Bool = false) {
        self.text = text
        self.style = style
        self.unbreakable = unbreakable
    }
}

/// An unbreakable unit for wrapping: the runs between two spaces, e.g. `**bold**,` is one word of
/// two runs. Widths are measured on the plain text, and styles are applied only when a finished
/// line is painted, so escape codes can never disturb the wrap.
public struct StyledWord: Equatable, Sendable {
    public var runs: [StyledRun]

    public init(_ runs: [StyledRun]) { self.runs = runs }
    public init(_ text: String, _ style: TextStyle = .plain) { self.runs = [StyledRun(text, style)] }

    public var plain: String { runs.map(\.text).joined() }
    public var width: Int { DisplayWidth.of(plain) }

    /// The word cut into pieces no wider than `columns`, for words longer than a whole line.
    func broken(fitting columns: Int) -> [StyledWord] {
        var pieces: [StyledWord] = []
        var current: [StyledRun] = []
        var used = 0
        for run in runs {
            for character in run.text {
                let width = DisplayWidth.of(character)
                if used + width > columns, used > 0 {
                    pieces.append(StyledWord(current))
                    current = []
                    used = 0
                }
                if current.last?.style == run.style {
                    current[current.count - 1].text.append(character)
                } else {
                    current.append(StyledRun(String(character), run.style))
                }
                used += width
            }
        }
        if !current.isEmpty { pieces.append(StyledWord(current)) }
        return pieces
    }
}

/// Splitting styled text into words and filling lines.
public enum TextWrapper {
    /// Words of `runs`, splitting at spaces outside unbreakable runs, and dropping the spaces
    /// themselves (runs of spaces collapse, as in markdown paragraphs).
    public static func words(_ runs: [StyledRun]) -> [StyledWord] {
        var words: [StyledWord] = []
        var current: [StyledRun] = []
        func flush() {
            if !current.isEmpty { words.append(StyledWord(current)) }
            current = []
        }
        for run in runs {
            if run.unbreakable {
                current.append(run)
                continue
            }
            let parts = run.text.split(separator: " ", omittingEmptySubsequences: false)
            for (index, part) in parts.enumerated() {
                if index > 0 { flush() }
                if !part.isEmpty { current.append(StyledRun(String(part), run.style)) }
            }
        }
        flush()
        return words
    }

    /// Greedy fill: each line at most `width` columns; a word wider than a line is broken.
    public static func fill(_ words: [StyledWord], width: Int) -> [[StyledWord]] {
        let width = max(width, 1)
        var lines: [[StyledWord]] = []
        var line: [StyledWord] = []
        var used = 0
        for word in words.flatMap({ $0.width > width ? $0.broken(fitting: width) : [$0] }) {
            let needed = line.isEmpty ? word.width : used + 1 + word.width
            if needed > width, !line.isEmpty {
                lines.append(line)
                line = [word]
                used = word.width
            } else {
                line.append(word)
                used = needed
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// Filled and painted lines; an empty input gives no lines.
    public static func wrap(_ words: [StyledWord], width: Int, theme: Theme) -> [String] {
        fill(words, width: width).map { paint($0, theme) }
    }

    /// Paints a line with as few escape sequences as possible: neighbouring runs of one style
    /// merge, and the space between two words of one style takes that style (so an underlined
    /// link or heading has no gaps).
    static func paint(_ line: [StyledWord], _ theme: Theme) -> String {
        var merged: [StyledRun] = []
        func add(_ run: StyledRun) {
            if let last = merged.last, last.style == run.style {
                merged[merged.count - 1].text += run.text
            } else {
                merged.append(run)
            }
        }
        for word in line {
            if let last = merged.last {
                add(StyledRun(" ", word.runs.first?.style == last.style ? last.style : .plain))
            }
            word.runs.forEach(add)
        }
        return merged.map { theme.paint($0.text, $0.style) }.joined()
    }

    /// `line` without trailing spaces, so no rendered line ends in padding.
    static func trimTrailing(_ line: String) -> String {
        var view = Substring(line)
        while view.last == " " { view.removeLast() }
        return String(view)
    }

    static func width(_ line: [StyledWord]) -> Int {
        line.isEmpty ? 0 : line.reduce(line.count - 1) { $0 + $1.width }
    }
}
