/// A set of SGR (Select Graphic Rendition) attributes, e.g. bold red.
///
/// A style is only data; ``Theme/paint(_:_:)`` decides whether it becomes escape codes,
/// so colour is a value passed around, never a global switch.
public struct TextStyle: Hashable, Sendable {
    /// SGR parameters in order, e.g. `[1, 31]` for bold red.
    public var codes: [Int]

    public init(_ codes: [Int] = []) { self.codes = codes }

    public var isPlain: Bool { codes.isEmpty }

    /// Both styles at once; the right-hand side wins where they conflict (it comes later).
    public static func + (lhs: TextStyle, rhs: TextStyle) -> TextStyle {
        TextStyle(lhs.codes + rhs.codes.filter { !lhs.codes.contains($0) })
    }

    public static let plain = TextStyle()
    public static let bold = TextStyle([1])
    public static let dim = TextStyle([2])
    public static let italic = TextStyle([3])
    public static let underline = TextStyle([4])
    public static let red = TextStyle([31])
    public static let green = TextStyle([32])
    public static let yellow = TextStyle([33])
    public static let blue = TextStyle([34])
    public static let magenta = TextStyle([35])
    public static let cyan = TextStyle([36])
    /// A 256-colour foreground, for the few places the 8 basic colours are too blunt.
    public static func colour256(_ n: Int) -> TextStyle { TextStyle([38, 5, n]) }
}

/// The semantic styles of parlearn's output and whether to emit colour at all.
///
/// With `colour == false` every `paint` returns its text unchanged, so no escape byte
/// can leak into a pipe; renderers then keep markdown markers so emphasis stays visible.
public struct Theme: Sendable {
    public let colour: Bool

    public init(colour: Bool) { self.colour = colour }

    public static let plain = Theme(colour: false)

    /// `text` wrapped in the style's SGR codes and a reset, or unchanged without colour.
    public func paint(_ text: String, _ style: TextStyle) -> String {
        guard colour, !style.isPlain, !text.isEmpty else { return text }
        let params = style.codes.map(String.init).joined(separator: ";")
        return "\u{1B}[\(params)m\(text)\u{1B}[0m"
    }

    // Markdown.
    public func heading(level: Int) -> TextStyle {
        switch level {
        case 1: return .bold + .underline + .magenta
        case 2: return .bold + .cyan
        default: return .bold
        }
    }
    public let strong = TextStyle.bold
    public let emphasis = TextStyle.italic
    public let inlineCode = TextStyle.colour256(203)
    public let linkText = TextStyle.underline
    public let url = TextStyle.dim
    public let bullet = TextStyle.cyan
    public let quoteBar = TextStyle.dim
    public let pythonBar = TextStyle.yellow
    public let pythonTitle = TextStyle.bold + .yellow
    public let rule = TextStyle.dim
    public let codeLabel = TextStyle.dim
    public let tableHeader = TextStyle.bold
    public let tableBorder = TextStyle.dim

    // Swift source.
    public let keyword = TextStyle.magenta
    public let typeName = TextStyle.cyan
    public let string = TextStyle.green
    public let number = TextStyle.yellow
    public let comment = TextStyle.dim + .italic
    public let attribute = TextStyle.yellow
    public let directive = TextStyle.blue
    public let lineNumber = TextStyle.dim

    // Reports.
    public let bug = TextStyle.bold + .red
    public let clean = TextStyle.bold + .green
    public let location = TextStyle.dim
    public let contextSwitch = TextStyle.yellow
    public let label = TextStyle.bold
    public let command = TextStyle.cyan
}
