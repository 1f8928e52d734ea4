/// One construct in a source file that escapes the async checker, with the line it is on.
public struct GuardRailFinding: Sendable, Equatable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    /// The construct as written, e.g. "Task {", "Task.detached", "@MainActor".
    public var construct: String
    /// Why it escapes and what to write instead, for a learner.
    public var message: String

    public init(file: String, line: Int, column: Int, construct: String, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.construct = construct
        self.message = message
    }

    /// Compiler-style: "bank.swift:12:9: warning: Task.detached ...".
    public var description: String { "\(file):\(line):\(column): warning: \(construct): \(message)" }
}

/// The cheap check before compiling: which lines use constructs the async engine cannot
/// schedule. The engine catches the same things at run time when they actually escape (a job
/// arriving from another thread), but this names the line, and it also sees code that escapes
/// silently, such as a `Task.detached` nobody awaits.
///
/// It reads tokens, not types: comments and string literals are skipped, and a match is a
/// finding wherever it is in the file (a program with only thread scenarios gets findings for
/// Dispatch or threads too, which escape the thread engine as well).
public enum AsyncGuardRails {
    public static func scan(source: String, fileName: String) -> [GuardRailFinding] {
        let code = SwiftCodeText(source)
        var findings: [GuardRailFinding] = []
        for rule in rules {
            for offset in code.occurrences(of: rule.token, followedBy: rule.followedBy) {
                let (line, column) = code.position(of: offset)
                findings.append(GuardRailFinding(file: fileName, line: line, column: column,
                                                 construct: rule.construct, message: rule.message))
            }
        }
        return findings.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
    }

    private struct Rule {
        var token: String
        /// The next non-blank character must be one of these (nil: anything).
        var followedBy: Set<UInt8>?
        var construct: String
        var message: String
    }

    private static let unstructured = "an unstructured task does not inherit the checker's executor, so it runs on other threads, unscheduled and unreplayable; use spawnTask(\"name\") { }"
    private static let rules: [Rule] = [
        Rule(token: "Task", followedBy: [UInt8(ascii: "{"), UInt8(ascii: "(")], construct: "Task {", message: unstructured),
        Rule(token: "Task.detached", construct: "Task.detached", message: unstructured),
        Rule(token: "Task.sleep", construct: "Task.sleep", message: "it waits on a real timer on another thread; use `await sleep(for:)`, which the checker runs in virtual time"),
        Rule(token: "@MainActor", construct: "@MainActor", message: "main-actor code runs on the main thread, outside the checker's executor; keep it out of async scenarios or use an ordinary actor"),
        Rule(token: "MainActor.run", construct: "MainActor.run", message: "it hops to the main thread, outside the checker's executor; use an ordinary actor"),
        Rule(token: "MainActor.assumeIsolated", construct: "MainActor.assumeIsolated", message: "it asserts the main thread, which a scenario never runs on under the checker"),
        Rule(token: "DispatchQueue", construct: "DispatchQueue", message: "Dispatch runs work on its own threads, outside the checker; use spawnTask and actors"),
        Rule(token: "DispatchGroup", construct: "DispatchGroup", message: "Dispatch runs work on its own threads, outside the checker; use withTaskGroup"),
        Rule(token: "DispatchSemaphore", construct: "DispatchSemaphore", message: "it blocks the checker's only thread; use an actor or AsyncStream to wait"),
        Rule(token: "Thread", followedBy: [UInt8(ascii: "("), UInt8(ascii: "{")], construct: "Thread", message: "an OS thread runs outside the checker; use spawnTask"),
        Rule(token: "Thread.detachNewThread", construct: "Thread.detachNewThread", message: "an OS thread runs outside the checker; use spawnTask"),
        Rule(token: "Thread.sleep", construct: "Thread.sleep", message: "it blocks the checker's only thread for real; use `await sleep(for:)`"),
        Rule(token: "pthread_create", construct: "pthread_create", message: "an OS thread runs outside the checker; use spawnTask"),
        Rule(token: "usleep", construct: "usleep", message: "it blocks the checker's only thread for real; use `await sleep(for:)`"),
    ]
}

/// Swift source with comments and string-literal contents blanked out (newlines kept), so a
/// token search finds only code and offsets still map to the original lines and columns.
struct SwiftCodeText {
    private(set) var bytes: [UInt8]
    private var lineStarts: [Int] = [0]

    init(_ source: String) {
        bytes = Array(source.utf8)
        blankCommentsAndStrings()
        for (i, b) in bytes.enumerated() where b == 10 { lineStarts.append(i + 1) }
    }

    /// Offsets where `token` appears as whole identifiers (not part of a longer name, not
    /// after a `.` unless the token itself starts with one).
    func occurrences(of token: String, followedBy next: Set<UInt8>?) -> [Int] {
        let t = Array(token.utf8)
        guard t.count <= bytes.count else { return [] }
        var found: [Int] = []
        var i = 0
        while i + t.count <= bytes.count {
            if bytes[i] == t[0] && bytes[i..<(i + t.count)].elementsEqual(t) {
                let before = i > 0 ? bytes[i - 1] : 32
                let after = i + t.count < bytes.count ? bytes[i + t.count] : 32
                var ok = !Self.isIdentifier(before) && before != UInt8(ascii: ".") && !Self.isIdentifier(after)
                if ok, let next {
                    var j = i + t.count
                    while j < bytes.count && (bytes[j] == 32 || bytes[j] == 9) { j += 1 }
                    ok = j < bytes.count && next.contains(bytes[j])
                }
                if ok { found.append(i) }
                i += t.count
            } else {
                i += 1
            }
        }
        return found
    }

    /// 1-based line and column (in bytes) of an offset.
    func position(of offset: Int) -> (line: Int, column: Int) {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return (low + 1, offset - lineStarts[low] + 1)
    }

    private static func isIdentifier(_ b: UInt8) -> Bool {
        (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 95 || b >= 128
    }

    private mutating func blank(_ range: Range<Int>) {
        for k in range where bytes[k] != 10 { bytes[k] = 32 }
    }

    private func starts(with text: String, at i: Int) -> Bool {
        let t = Array(text.utf8)
        return i + t.count <= bytes.count && bytes[i..<(i + t.count)].elementsEqual(t)
    }

    private mutating func blankCommentsAndStrings() {
        var i = 0
        while i < bytes.count {
            if starts(with: "//", at: i) {
                var j = i
                while j < bytes.count && bytes[j] != 10 { j += 1 }
                blank(i..<j)
                i = j
            } else if starts(with: "/*", at: i) {
                // Swift block comments nest.
                var depth = 0, j = i
                repeat {
                    if starts(with: "/*", at: j) { depth += 1; j += 2 }
                    else if starts(with: "*/", at: j) { depth -= 1; j += 2 }
                    else { j += 1 }
                } while depth > 0 && j < bytes.count
                blank(i..<min(j, bytes.count))
                i = j
            } else if bytes[i] == UInt8(ascii: "\"") || (bytes[i] == UInt8(ascii: "#") && isRawStringStart(i)) {
                let end = endOfString(at: i)
                blank(i..<end)
                i = end
            } else {
                i += 1
            }
        }
    }

    private func isRawStringStart(_ i: Int) -> Bool {
        var j = i
        while j < bytes.count && bytes[j] == UInt8(ascii: "#") { j += 1 }
        return j < bytes.count && bytes[j] == UInt8(ascii: "\"")
    }

    /// The offset just past the string literal starting at `i` (`"…"`, `"""…"""`, `#"…"#`).
    private func endOfString(at i: Int) -> Int {
        var hashes = 0, j = i
        while bytes[j] == UInt8(ascii: "#") { hashes += 1; j += 1 }
        let multiline = starts(with: "\"\"\"", at: j)
        let quote = multiline ? "\"\"\"" : "\""
        j += quote.utf8.count
        let closing = quote + String(repeating: "#", count: hashes)
        while j < bytes.count {
            if hashes == 0 && bytes[j] == UInt8(ascii: "\\") {
                j += 2
                continue
            }
            if !multiline && bytes[j] == 10 { return j }  // unterminated: stop at the line end
            if starts(with: closing, at: j) { return j + closing.utf8.count }
            j += 1
        }
        return bytes.count
    }
}
