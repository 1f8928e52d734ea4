import Foundation

/// How a child process ended, in words a learner understands.
public enum RunStatus: Sendable, Equatable {
    case exited(Int32)
    case signaled(Int32)
    /// Killed by the runner when its time limit (seconds) ran out; see ``ChildProcess/Limit``.
    case timedOut(Double)
    /// Killed by the runner after this many wall-clock seconds in which it neither finished
    /// nor reached its own-time limit: the machine gave it too little time. Not a verdict.
    case stalled(Double)
    /// Stopped by the learner's Ctrl-C; `signal` is what finally ended it (SIGINT or SIGKILL).
    case interrupted(signal: Int32)
    /// The program could not be started at all.
    case failedToStart(String)
    /// Stopped by the runner after printing more than this many bytes.
    case outputLimit(Int)
    /// Stopped by the runner when its resident memory passed this many bytes.
    case memoryLimit(Int)

    public var succeeded: Bool { self == .exited(0) }
    public var isSignal: Bool { signal != nil }

    /// The signal that ended a crashed process.
    public var signal: Int32? {
        if case .signaled(let signal) = self { return signal }
        return nil
    }

    /// "exited 0", "crashed with SIGSEGV (segmentation fault)", "stopped after 20 s: …".
    public var summary: String {
        switch self {
        case .exited(let code):
            return "exited \(code)"
        case .signaled(let signal):
            return "crashed with \(SignalName.describe(signal))"
        case .timedOut(let seconds):
            return "stopped after \(SignalName.seconds(seconds)) s: it may be deadlocked or looping"
        case .stalled(let seconds):
            return "stopped after \(SignalName.seconds(seconds)) s of wall-clock time without finishing or "
                + "reaching its time limit: the machine is too busy for a verdict"
        case .interrupted(let signal):
            return signal == SIGKILL ? "stopped by Ctrl-C (killed: it ignored SIGINT)" : "stopped by Ctrl-C"
        case .failedToStart(let reason):
            return "could not start: \(reason)"
        case .outputLimit(let bytes):
            return "stopped after printing more than \(bytes / 1_000_000) MB"
        case .memoryLimit(let bytes):
            return "stopped when it used more than \(bytes >> 20) MiB of memory: it may be allocating without end"
        }
    }

    /// The summary, naming what the crash was and the learner's line when the backtrace told:
    /// "crashed: Index out of range at oob.swift:4 (SIGILL, a Swift runtime trap)".
    public func summary(crash cause: CrashCause?) -> String {
        guard case .signaled(let signal) = self, let cause else { return summary }
        return "crashed: \(cause.summary) (\(SignalName.short(signal)))"
    }
}

enum SignalName {
    static let known: [Int32: (String, String)] = [
        SIGSEGV: ("SIGSEGV", "segmentation fault"), SIGBUS: ("SIGBUS", "bus error"),
        SIGILL: ("SIGILL", "illegal instruction: a Swift runtime trap such as a failed precondition, fatalError or overflow"),
        SIGTRAP: ("SIGTRAP", "trace trap: a Swift runtime trap"), SIGABRT: ("SIGABRT", "aborted"),
        SIGFPE: ("SIGFPE", "arithmetic error"), SIGKILL: ("SIGKILL", "killed"), SIGTERM: ("SIGTERM", "terminated"),
        SIGINT: ("SIGINT", "interrupted"), SIGPIPE: ("SIGPIPE", "broken pipe"),
    ]

    static func describe(_ signal: Int32) -> String {
        guard let (name, meaning) = known[signal] else { return "signal \(signal)" }
        return "\(name) (\(meaning))"
    }

    /// "SIGILL, a Swift runtime trap": the name and the first words of its meaning.
    static func short(_ signal: Int32) -> String {
        guard let (name, meaning) = known[signal] else { return "signal \(signal)" }
        return "\(name), " + (meaning.split(separator: ":").last.map { $0.split(separator: " such as").first.map(String.init) ?? "" } ?? meaning)
            .trimmingCharacters(in: .whitespaces)
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}
