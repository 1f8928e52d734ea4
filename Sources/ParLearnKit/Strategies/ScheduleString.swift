/// The compact, copy-pasteable text of a schedule: the id chosen at every step.
///
/// Layout: the engine letter (`T` threads, `A` async, `P` processes), the format version `1`, a `-`, then runs
/// of one id: a letter for the id (`a`…`z` = 0…25, `A`…`Z` = 26…51) followed by the run length
/// when it is more than 1. `T1-a3bab2` means thread 0 for 3 steps, 1, 0, then 1 twice.
/// Only letters and digits after the dash, so it survives shells, URLs and e-mail.
///
/// Schedules of more than 52 threads use format version `2`: an id is its base-26 digits, the
/// last as an uppercase letter and any before it as lowercase ones (`A` = 0, `Z` = 25,
/// `bA` = 26, `jV` = 255), so `T2-A2bA` is thread 0 twice, then thread 26.
public enum ScheduleString {
    static let version: Character = "1"
    static let wideVersion: Character = "2"
    /// Ids a version-1 string can name.
    static let maxId = 51

    public struct Invalid: Error, CustomStringConvertible, Sendable {
        public let text: String
        public let reason: String
        public var description: String { "invalid schedule \"\(text)\": \(reason)" }
    }

    public static func encode(_ choices: [Int], engine: Character = "T") -> String {
        let wide = choices.contains { $0 > maxId }
        var out = "\(engine)\(wide ? wideVersion : version)-"
        var i = 0
        while i < choices.count {
            var j = i + 1
            while j < choices.count && choices[j] == choices[i] { j += 1 }
            if wide { out += wideLetters(choices[i]) } else { out.append(letter(choices[i])) }
            if j - i > 1 { out += String(j - i) }
            i = j
        }
        return out
    }

    /// An id in version 2: base-26 digits, lowercase then one uppercase.
    static func wideLetters(_ id: Int) -> String {
        var digits = [UInt8(ascii: "A") + UInt8(id % 26)]
        var rest = id / 26
        while rest > 0 {
            digits.insert(UInt8(ascii: "a") + UInt8(rest % 26), at: 0)
            rest /= 26
        }
        return String(decoding: digits, as: UTF8.self)
    }

    public static func decode(_ text: String, engine: Character = "T") throws(Invalid) -> [Int] {
        let chars = Array(text.trimmingCharacters(in: .whitespacesAndNewlines))
        guard chars.count >= 3, chars[0] == engine, chars[2] == "-" else {
            throw Invalid(text: text, reason: "it should start with \"\(engine)\(version)-\"" + (chars.first.map { $0 != engine ? " (it names engine \($0))" : "" } ?? ""))
        }
        guard chars[1] == version || chars[1] == wideVersion else {
            throw Invalid(text: text, reason: "format version \(chars[1]) is not supported; "
                          + "this kit reads versions \(version) and \(wideVersion)")
        }
        let wide = chars[1] == wideVersion
        var choices: [Int] = []
        var i = 3
        while i < chars.count {
            var id: Int
            if wide {
                id = 0
                let lower = UInt8(ascii: "a")...UInt8(ascii: "z"), upper = UInt8(ascii: "A")...UInt8(ascii: "Z")
                while i < chars.count, let a = chars[i].asciiValue, lower.contains(a) {
                    id = id * 26 + Int(a - UInt8(ascii: "a"))
                    guard id < 1 << 20 else { throw Invalid(text: text, reason: "a thread id is too large") }
                    i += 1
                }
                guard i < chars.count, let a = chars[i].asciiValue, upper.contains(a) else {
                    let found = i < chars.count ? "\"\(chars[i])\"" : "the end"
                    throw Invalid(text: text, reason: "unexpected \(found) at position \(i + 1)")
                }
                id = id * 26 + Int(a - UInt8(ascii: "A"))
            } else {
                guard let narrow = Self.id(of: chars[i]) else {
                    throw Invalid(text: text, reason: "unexpected \"\(chars[i])\" at position \(i + 1)")
                }
                id = narrow
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
