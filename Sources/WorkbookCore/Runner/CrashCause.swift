import Foundation

/// What a crash was and where, read from the backtrace Swift's runtime prints: the runtime's
/// message ("Index out of range"), the first frame in the learner's code (not the Swift library
/// file the trap was raised in), and whether the stack overflowed.
public struct CrashCause: Sendable, Equatable {
    /// "Index out of range", "stack overflow", "Bad pointer dereference at 0x0".
    public var reason: String
    /// The first frame in the learner's (or the check's) source: a file name and line.
    public var file: String?
    public var line: Int?
    public var stackOverflow: Bool

    /// A fault this deep in the stack is a runaway recursion: the backtracer numbers frames from
    /// the crash, and ordinary programs stay far below this.
    static let overflowDepth = 1000

    /// Reads the crash from the program's output; nil when the runtime printed nothing to read.
    /// `mainFileName` names the program's `main.swift` (a check file compiled as main).
    public static func read(from output: String, signal: Int32, mainFileName: String? = nil) -> CrashCause? {
        guard let report = CrashReport.parse(output) else { return nil }
        let depth = output.split(separator: "\n").lazy.compactMap(frameNumber).max() ?? 0
        let overflow = (signal == SIGSEGV || signal == SIGBUS) && depth >= overflowDepth
        let frame = report.frames.first { frame in
            guard let file = frame.file, frame.line != nil else { return false }
            return isLearnerSource(file)
        }
        var name = frame?.fileName
        if name == "main.swift", let mainFileName { name = mainFileName }
        // "Aborted at 0x…": the address changes from run to run (ASLR), and grades must not.
        let reason = overflow ? "stack overflow" : report.description.replacing(#/ at 0x[0-9a-fA-F]+/#, with: "")
        guard !reason.isEmpty else { return nil }
        return CrashCause(reason: reason, file: name, line: frame?.line, stackOverflow: overflow)
    }

    /// "Index out of range at counter.swift:8"; a stack overflow says what usually causes one.
    public var summary: String {
        let place = file.map { name in line.map { " at \(name):\($0)" } ?? " in \(name)" } ?? ""
        if stackOverflow { return "stack overflow\(place): a function that calls itself without end?" }
        return reason + place
    }

    /// Swift's own sources, Foundation and the kit are not where a learner's bug is.
    static func isLearnerSource(_ path: String) -> Bool {
        !path.hasPrefix("Swift/") && !path.hasPrefix("<") && !path.hasPrefix("//<") && !path.contains("/ParLearnKit/")
            && !path.contains("/swift/stdlib/") && !path.contains("swift-corelibs")
            && !path.contains("/swift-foundation/")
    }

    /// "174659 [ra] 0x…" → 174659: the backtracer's frame number.
    private static func frameNumber(_ line: Substring) -> Int? {
        let text = line.drop { $0 == " " }
        let digits = text.prefix { $0.isNumber }
        guard !digits.isEmpty, text.dropFirst(digits.count).first == " ", text.contains(" 0x") else { return nil }
        return Int(digits)
    }

    /// The program's output without the backtracer's dump (from its "*** Signal" banner to
    /// "Backtrace took") and its own complaints ("swift-runtime: failed to suspend thread 9490…"),
    /// which the crash verdict says in one line; what is left is the same on every run.
    public static func withoutBacktrace(_ output: String) -> String {
        guard output.contains("swift-runtime: ") else { return withoutDump(output) }
        let kept = output.split(separator: "\n", omittingEmptySubsequences: false).filter {
            !$0.hasPrefix("swift-runtime: ")
        }
        return withoutDump(kept.joined(separator: "\n"))
    }

    private static func withoutDump(_ output: String) -> String {
        guard
            let start = output.range(of: "\n*** Signal ")
                ?? (output.hasPrefix("*** Signal ") ? output.startIndex..<output.startIndex : nil)
        else { return output }
        let rest = output[start.upperBound...]
        guard let end = rest.range(of: "Backtrace took") else { return String(output[..<start.lowerBound]) + "\n" }
        let afterEnd = rest[end.upperBound...].drop { $0 != "\n" }.dropFirst()
        return String(output[..<start.lowerBound]) + "\n" + afterEnd.drop { $0 == "\n" }
    }
}
