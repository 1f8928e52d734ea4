import Foundation

/// Makes a child's output safe to show: invalid UTF-8 and control bytes become visible
/// escapes (so binary output cannot corrupt the terminal), and output past a limit is counted
/// rather than shown.
public struct OutputFilter: Sendable {
    public var limit: Int
    public private(set) var shownBytes = 0
    public private(set) var droppedBytes = 0
    /// An incomplete UTF-8 sequence at the end of the last chunk, kept for the next one.
    private var carry: [UInt8] = []

    public init(limit: Int = 1 << 20) {
        self.limit = limit
    }

    /// The text to show for `chunk`, or "" once the limit is reached.
    public mutating func filter(_ chunk: Data) -> String {
        guard shownBytes < limit else {
            droppedBytes += chunk.count
            return ""
        }
        var bytes = carry + chunk
        carry = []
        if let cut = Self.incompleteTail(bytes) {
            carry = Array(bytes[cut...])
            bytes.removeSubrange(cut...)
        }
        let room = limit - shownBytes
        if bytes.count > room {
            droppedBytes += bytes.count - room
            bytes.removeSubrange(room...)
        }
        shownBytes += bytes.count
        return Self.visible(String(decoding: bytes, as: UTF8.self))
    }

    /// A closing note when output was cut, e.g. "[output truncated: 9.0 MB more not shown]".
    public var truncationNote: String? {
        guard droppedBytes > 0 else { return nil }
        return "[output truncated: \(Self.size(droppedBytes)) more not shown]"
    }

    static func size(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? String(format: "%.1f MB", Double(bytes) / 1_048_576) : "\(bytes) bytes"
    }

    /// Control characters other than newline and tab are shown as `^X` or `\u{…}`;
    /// invalid UTF-8 has already become U+FFFD.
    static func visible(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A, 0x09:
                out.append(scalar)
            case 0x00..<0x20:
                out.append("^")
                out.append(Unicode.Scalar(scalar.value + 0x40)!)
            case 0x7F, 0x80..<0xA0:
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16))}".unicodeScalars)
            default:
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// The start of a UTF-8 sequence cut off at the end of `bytes`, if any.
    static func incompleteTail(_ bytes: [UInt8]) -> Int? {
        var i = bytes.count - 1
        var continuation = 0
        while i >= 0, bytes[i] & 0xC0 == 0x80, continuation < 3 {
            i -= 1
            continuation += 1
        }
        guard i >= 0 else { return nil }
        let lead = bytes[i]
        let needed = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0
        return needed > continuation ? i : nil
    }
}
