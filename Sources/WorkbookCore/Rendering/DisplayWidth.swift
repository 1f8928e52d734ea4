/// How many terminal columns text occupies.
///
/// Counts per grapheme cluster: East Asian wide and fullwidth characters and emoji take 2 columns,
/// combining marks and other zero-width characters 0, ANSI escape sequences 0, everything else 1.
/// Ambiguous-width characters (box drawing, arrows) count 1, as in Western locales.
public enum DisplayWidth {
    public static func of(_ text: some StringProtocol) -> Int {
        stripANSI(text).reduce(0) { $0 + of($1) }
    }

    public static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        // An emoji variation selector turns a text-default symbol (❤, ☺) into a 2-column emoji.
        if scalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        if first.properties.isEmojiPresentation || isWide(first.value) { return 2 }
        if isZeroWidth(first) { return 0 }
        return 1
    }

    /// `text` without CSI (`ESC [ … final`), OSC (`ESC ] … BEL` or `ESC ] … ESC \`) and two-byte escapes.
    public static func stripANSI(_ text: some StringProtocol) -> String {
        guard text.contains("\u{1B}") else { return String(text) }
        var out = String.UnicodeScalarView()
        var scalars = Substring(text).unicodeScalars[...]
        while let scalar = scalars.popFirst() {
            guard scalar.value == 0x1B else { out.append(scalar); continue }
            switch scalars.popFirst()?.value {
            case 0x5B:  // CSI: parameters and intermediates, then one final byte in 0x40...0x7E.
                while let next = scalars.popFirst(), !(0x40...0x7E).contains(next.value) {}
            case 0x5D:  // OSC: up to BEL or ST.
                while let next = scalars.popFirst() {
                    if next.value == 0x07 { break }
                    if next.value == 0x1B { _ = scalars.popFirst(); break }
                }
            default: break  // A two-byte escape: already consumed.
            }
        }
        return String(out)
    }

    private static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return true
        default: return false
        }
    }

    /// East_Asian_Width W or F (Unicode 15), merged into ranges; emoji are handled by their property.
    private static func isWide(_ value: UInt32) -> Bool {
        guard value >= 0x1100 else { return false }
        for range in wideRanges where range.contains(value) { return true }
        return false
    }

    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
        0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF,
        0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4,
        0x17000...0x18CFF, 0x1B000...0x1B2FF, 0x1F200...0x1F2FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]
}
