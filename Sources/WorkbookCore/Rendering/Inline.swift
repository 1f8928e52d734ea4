/// Inline markdown of the lesson subset: `code`, **strong**, *em* / _em_, [text](url), `\` escapes.
indirect enum InlineNode: Equatable, Sendable {
    case text(String)
    case code(String)
    case strong([InlineNode])
    case emphasis([InlineNode], marker: Character)
    case link([InlineNode], url: String)
}

enum InlineParser {
    static func parse(_ text: String) -> [InlineNode] {
        let chars = Array(text)
        return parse(chars, chars.startIndex..<chars.endIndex)
    }

    /// The text a reader sees, without markers: used for section titles and lookups.
    static func plainText(_ nodes: [InlineNode]) -> String {
        nodes.map { node in
            switch node {
            case .text(let text), .code(let text): return text
            case .strong(let inner), .emphasis(let inner, _), .link(let inner, _): return plainText(inner)
            }
        }.joined()
    }

    private static func parse(_ chars: [Character], _ range: Range<Int>) -> [InlineNode] {
        var nodes: [InlineNode] = []
        var text = ""
        func emit(_ node: InlineNode) {
            if !text.isEmpty { nodes.append(.text(text)) }
            text = ""
            nodes.append(node)
        }
        var i = range.lowerBound
        while i < range.upperBound {
            let c = chars[i]
            if c == "\\", i + 1 < range.upperBound, chars[i + 1].isPunctuation || chars[i + 1].isSymbol {
                text.append(chars[i + 1])
                i += 2
            } else if c == "`", let (content, end) = codeSpan(chars, at: i, limit: range.upperBound) {
                emit(.code(content))
                i = end
            } else if (c == "*" || c == "_"), i + 1 < range.upperBound, chars[i + 1] == c,
                let close = closing(chars, double: c, from: i, limit: range.upperBound)
            {
                emit(.strong(parse(chars, (i + 2)..<close)))
                i = close + 2
            } else if (c == "*" || c == "_"), let close = closing(chars, single: c, from: i, limit: range.upperBound) {
                emit(.emphasis(parse(chars, (i + 1)..<close), marker: c))
                i = close + 1
            } else if c == "[", let (textEnd, url, end) = link(chars, at: i, limit: range.upperBound) {
                emit(.link(parse(chars, (i + 1)..<textEnd), url: url))
                i = end
            } else {
                text.append(c)
                i += 1
            }
        }
        if !text.isEmpty { nodes.append(.text(text)) }
        return nodes
    }

    /// A backtick run at `start` closed by a run of the same length: its content and the index after it.
    private static func codeSpan(_ chars: [Character], at start: Int, limit: Int) -> (String, Int)? {
        let fence = run(of: "`", in: chars, at: start, limit: limit)
        var j = start + fence
        while j < limit {
            guard chars[j] == "`" else { j += 1; continue }
            let length = run(of: "`", in: chars, at: j, limit: limit)
            if length == fence {
                var content = String(chars[(start + fence)..<j])
                // `` ` `` style padding lets code start or end with a backtick.
                if content.count >= 2, content.first == " ", content.last == " ", content.contains(where: { $0 != " " }) {
                    content = String(content.dropFirst().dropLast())
                }
                return (content, j + length)
            }
            j += length
        }
        return nil
    }

    private static func run(of c: Character, in chars: [Character], at start: Int, limit: Int) -> Int {
        var j = start
        while j < limit, chars[j] == c { j += 1 }
        return j - start
    }

    /// Where a `**`/`__` opened at `start` closes; it must hug its content on both sides.
    private static func closing(_ chars: [Character], double c: Character, from start: Int, limit: Int) -> Int? {
        guard start + 2 < limit, !chars[start + 2].isWhitespace, opensAtBoundary(chars, c, start) else { return nil }
        var j = start + 3
        while j + 1 < limit {
            if chars[j] == "`", let (_, end) = codeSpan(chars, at: j, limit: limit) { j = end; continue }
            if chars[j] == c, chars[j + 1] == c, !chars[j - 1].isWhitespace, closesAtBoundary(chars, c, j + 2, limit) {
                return j
            }
            j += 1
        }
        return nil
    }

    /// Where a single `*`/`_` opened at `start` closes, skipping code spans and doubled markers.
    private static func closing(_ chars: [Character], single c: Character, from start: Int, limit: Int) -> Int? {
        guard start + 1 < limit, !chars[start + 1].isWhitespace, opensAtBoundary(chars, c, start) else { return nil }
        var j = start + 2
        while j < limit {
            if chars[j] == "`", let (_, end) = codeSpan(chars, at: j, limit: limit) { j = end; continue }
            if chars[j] == c {
                if j + 1 < limit, chars[j + 1] == c { j += 2; continue }
                if !chars[j - 1].isWhitespace, closesAtBoundary(chars, c, j + 1, limit) { return j }
            }
            j += 1
        }
        return nil
    }

    // `_` only delimits at word boundaries, so snake_case_names stay literal.
    private static func opensAtBoundary(_ chars: [Character], _ c: Character, _ start: Int) -> Bool {
        c == "*" || start == 0 || !(chars[start - 1].isLetter || chars[start - 1].isNumber)
    }

    private static func closesAtBoundary(_ chars: [Character], _ c: Character, _ after: Int, _ limit: Int) -> Bool {
        c == "*" || after >= limit || !(chars[after].isLetter || chars[after].isNumber)
    }

    /// `[text](url)` at `start`: the index of `]`, the url, and the index after `)`.
    private static func link(_ chars: [Character], at start: Int, limit: Int) -> (Int, String, Int)? {
        var depth = 0
        var j = start
        while j < limit {
            if chars[j] == "[" { depth += 1 }
            if chars[j] == "]" {
                depth -= 1
                if depth == 0 { break }
            }
            j += 1
        }
        guard j + 1 < limit, chars[j + 1] == "(", let close = chars[(j + 2)..<limit].firstIndex(of: ")") else { return nil }
        let url = String(chars[(j + 2)..<close])
        guard !url.isEmpty, !url.contains(" ") else { return nil }
        return (j, url, close + 1)
    }
}

/// Turns inline nodes into styled runs: styles with colour, markdown markers without it.
struct InlineStyler {
    let theme: Theme

    func runs(_ nodes: [InlineNode], base: TextStyle = .plain) -> [StyledRun] {
        nodes.flatMap { node -> [StyledRun] in
            switch node {
            case .text(let text):
                return [StyledRun(text, base)]
            case .code(let code):
                if theme.colour { return [StyledRun(code, base + theme.inlineCode, unbreakable: true)] }
                let fence = code.contains("`") ? "``" : "`"
                let pad = code.hasPrefix("`") || code.hasSuffix("`") ? " " : ""
                return [StyledRun(fence + pad + code + pad + fence, base, unbreakable: true)]
            case .strong(let inner):
                return marked(inner, "**", base, theme.strong)
            case .emphasis(let inner, let marker):
                return marked(inner, String(marker), base, theme.emphasis)
            case .link(let inner, let url):
                let label = runs(inner, base: theme.colour ? base + theme.linkText : base)
                let target = StyledRun("<\(url)>", base + theme.url, unbreakable: true)
                if InlineParser.plainText(inner) == url { return [target] }
                return label + [StyledRun(" ", base), target]
            }
        }
    }

    private func marked(_ inner: [InlineNode], _ marker: String, _ base: TextStyle, _ style: TextStyle) -> [StyledRun] {
        if theme.colour { return runs(inner, base: base + style) }
        return [StyledRun(marker, base)] + runs(inner, base: base) + [StyledRun(marker, base)]
    }
}
