/// The compact, copy-pasteable text of a schedule: the id chosen at every step.
///
/// Layout: the engine letter (`T` threads, `A` async, `P` processes), the format version `1`, a `-`, then runs
/// of one id: a letter for the id (`a`…`z` = 0…25, `A`…`Z` = 26…51) followed by the run length
/// when it is more than 1. `T1-a3bab2` means thread 0 for 3 steps, 1, 0, then 1 twice.
/// Only letters and digits after the dash, so it survives shells, URLs and e-mail.
public enum ScheduleString {
    static let version: Character = "1"
    /// Ids a schedule string can name.
    static let maxId = 51

    public struct Invalid: Error, CustomStringConvertible, Sendable {
        public let text: String
        public let reason: String
        public var description: String { "invalid schedule \"\(text)\": \(reason)" }
    }

    public static func encode(_ choices: [Int], engine: Character = "T") -> String {
        var out = "\(engine)\(version)-"
        var i = 0
        while i < choices.count {
            var j = i + 1
            while j < choices.count && choices[j] == choices[i] { j += 1 }
            out.append(letter(choices[i]))
            if j - i > 1 { out += String(j - i) }
            i = j
        }
        return out
    }

    public static func decode(_ text: String, engine: Character = "T") throws(Invalid) -> [Int] {
        let chars = Array(text.trimmingCharacters(in: .whitespacesAndNewlines))
        guard chars.count >= 3, chars[0] == engine, chars[2] == "-" else {
            throw Invalid(text: text, reason: "it should start with \"\(engine)\(version)-\"" + (chars.first.map { $0 != engine ? " (it names engine \($0))" : "" } ?? ""))
        }
        guard chars[1] == version else {
            throw Invalid(text: text, reason: "format version \(chars[1]) is not supported; this kit reads version \(version)")
        }
        var choices: [Int] = []
        var i = 3
        while i < chars.count {
            guard let id = id(of: chars[i]) else {
                throw Invalid(text: text, reason: "unexpected \"\(chars[i])\" at position \(i + 1)")
            }
            i += 1
            var count = 0
            while i < chars.count, let digit = chars[i].wholeNumberValue, chars[i].isASCII {
                count = count * 10 + digit
                guard count <= 10_000_000 else { throw Invalid(text: text, reason: "a run is too long") }
                i += 1
            }
            choices += repeatElement(id, count: max(count, 1))
        }
        return choices
    }

    static func letter(_ id: Int) -> Character {
        precondition(id >= 0 && id <= maxId, "schedule ids are 0...\(maxId)")
        let base = id < 26 ? UInt8(ascii: "a") + UInt8(id) : UInt8(ascii: "A") + UInt8(id - 26)
        return Character(Unicode.Scalar(base))
    }

    static func id(of letter: Character) -> Int? {
        guard let a = letter.asciiValue else { return nil }
        switch a {
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return Int(a - UInt8(ascii: "a"))
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return Int(a - UInt8(ascii: "A")) + 26
        default: return nil
        }
    }
}
