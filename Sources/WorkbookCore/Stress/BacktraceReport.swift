import Foundation

/// What Swift's runtime prints when a program traps: a fatal-error message with the learner's
/// line, and the crashed thread's frames from the backtracer.
public struct CrashReport: Sendable, Equatable {
    /// "Bad pointer dereference at 0x0", or the fatal error's message.
    public var description: String
    /// The thread's name ("T1") when the backtracer printed one.
    public var thread: String?
    public var frames: [StackFrame]
    /// Set for `precondition`, `assert` and `fatalError`: the learner's own check failed.
    public var failedCheck: (kind: String, file: String, line: Int)?

    public static func == (a: CrashReport, b: CrashReport) -> Bool {
        a.description == b.description && a.thread == b.thread && a.frames == b.frames
            && a.failedCheck?.kind == b.failedCheck?.kind && a.failedCheck?.file == b.failedCheck?.file
            && a.failedCheck?.line == b.failedCheck?.line
    }

    /// Reads the output of a program that died by a signal; nil when nothing recognisable is there.
    public static func parse(_ text: String) -> CrashReport? {
        let lines = text.split(separator: "\n").map(String.init)
        var report = CrashReport(description: "", thread: nil, frames: [], failedCheck: nil)
        for line in lines {
            if let check = fatalError(line) {
                report.failedCheck = (check.kind, check.file, check.line)
                report.description = check.message
            }
        }
        if let header = lines.first(where: { $0.hasPrefix("*** Program crashed: ") }), report.failedCheck == nil {
            report.description = String(header.dropFirst("*** Program crashed: ".count).dropLast(" ***".count))
        }
        if let start = lines.firstIndex(where: { $0.hasPrefix("Thread ") && $0.hasSuffix(" crashed:") }) {
            let header = lines[start]
            if let open = header.firstIndex(of: "\""), let close = header.lastIndex(of: "\""), open < close {
                report.thread = String(header[header.index(after: open)..<close])
            }
            report.frames = lines[(start + 1)...].prefix { !$0.hasPrefix("Thread ") && !$0.hasPrefix("Backtrace took") }
                .compactMap(backtraceFrame)
        }
        return report.description.isEmpty && report.frames.isEmpty ? nil : report
    }

    /// "racy.swift:18: Fatal error: the bank holds 190" (also Precondition/Assertion failed).
    static func fatalError(_ line: String) -> (kind: String, file: String, line: Int, message: String)? {
        for kind in ["Fatal error", "Precondition failed", "Assertion failed"] {
            guard let range = line.range(of: ": \(kind)") else { continue }
            let location = line[..<range.lowerBound].split(separator: ":")
            guard location.count == 2, let number = Int(location[1]) else { continue }
            var message = line[range.upperBound...]
            if message.hasPrefix(": ") { message = message.dropFirst(2) }
            let file = (String(location[0]) as NSString).lastPathComponent
            return (kind, file, number, message.isEmpty ? kind.lowercased() : String(message))
        }
        return nil
    }

    /// "1 [ra] 0x… closure #1 in stress(thread:of:) + 292 in program at /x/racy.swift:5:51"
    static func backtraceFrame(_ line: String) -> StackFrame? {
        let text = line.trimmingCharacters(in: .whitespaces)
        guard let first = text.first, first.isNumber, let address = text.range(of: " 0x") else { return nil }
        var rest = text[address.upperBound...].drop { $0 != " " }.dropFirst()
        var file: String?
        var number: Int?
        if let at = rest.range(of: " at ", options: .backwards) {
            let pieces = rest[at.upperBound...].split(separator: ":")
            if pieces.count >= 2, let n = Int(pieces[1]) { file = String(pieces[0]); number = n }
            rest = rest[..<at.lowerBound]
        }
        if let image = rest.range(of: " in ", options: .backwards) { rest = rest[..<image.lowerBound] }
        if let offset = rest.range(of: " + ", options: .backwards) { rest = rest[..<offset.lowerBound] }
        return StackFrame(function: String(rest), file: file, line: number)
    }
}
