import Glibc

/// Why a worker process gave no result, or why a message could not be passed.
///
/// A worker's failure never takes the parent down: the parent learns about it as one of these
/// errors from ``ProcessHandle/join()`` or ``ProcessFuture/result()``.
public enum ProcessError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The worker died of a fault or trap (index out of range, force-unwrap of nil,
    /// `fatalError`): signal 4 (SIGILL), 5 (SIGTRAP), 6 (SIGABRT), 7 (SIGBUS), 8 (SIGFPE) or 11 (SIGSEGV).
    case crashed(process: String, signal: Int32)
    /// The worker was stopped from outside (SIGKILL, SIGTERM, SIGINT…).
    case killed(process: String, signal: Int32)
    /// The worker called `exit` with a non-zero status before returning a result.
    case exitedEarly(process: String, status: Int32)
    /// The worker exited with status 0 but never returned a result (an `exit(0)` in the job).
    case noResult(process: String)
    /// The entry point threw; `message` is the error as text.
    case entryFailed(process: String, message: String)
    /// The worker's program has no entry point of that name when it reaches its first use of
    /// the process API (declared inside a function, or after that point).
    case unknownEntryPoint(process: String, name: String)
    /// A message or result could not be decoded, or the bytes on a pipe were not a message.
    case badMessage(from: String, reason: String)
    /// Every writer of the pipe is gone and nothing is left to receive.
    case pipeClosed(pipe: String)
    /// The pool was shut down before the job was submitted or finished.
    case poolShutDown
    /// A system call failed.
    case system(call: String, errno: Int32)

    /// What went wrong, with the exit status or signal, in words for a learner.
    public var description: String {
        switch self {
        case .crashed(let p, let signal): "worker \(p) crashed (signal \(signal), \(Self.signalName(signal)))"
        case .killed(let p, let signal): "worker \(p) was killed (signal \(signal), \(Self.signalName(signal)))"
        case .exitedEarly(let p, let status): "worker \(p) exited with status \(status) before returning a result"
        case .noResult(let p): "worker \(p) exited with status 0 without returning a result"
        case .entryFailed(let p, let message): "worker \(p) threw: \(message)"
        case .unknownEntryPoint(let p, let name):
            "worker \(p) has no entry point named \"\(name)\": declare it at the top level, before the first code that starts processes"
        case .badMessage(let from, let reason): "bad message from \(from): \(reason)"
        case .pipeClosed(let pipe): "pipe \(pipe) is closed: every process that could send on it is gone"
        case .poolShutDown: "the process pool was shut down"
        case .system(let call, let code): "\(call) failed: \(String(cString: strerror(code)))"
        }
    }

    static func signalName(_ signal: Int32) -> String {
        switch signal {
        case SIGILL: "SIGILL, a Swift runtime trap"
        case SIGTRAP: "SIGTRAP, a Swift runtime trap"
        case SIGABRT: "SIGABRT"
        case SIGSEGV: "SIGSEGV"
        case SIGBUS: "SIGBUS"
        case SIGFPE: "SIGFPE"
        case SIGKILL: "SIGKILL"
        case SIGTERM: "SIGTERM"
        case SIGINT: "SIGINT"
        default: "signal \(signal)"
        }
    }

    /// Signals that mean the process faulted on its own rather than being stopped.
    static func isCrash(_ signal: Int32) -> Bool {
        [SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS, SIGFPE].contains(signal)
    }

    /// The error for a worker that ended with wait status `status` and no result.
    static func ended(_ process: String, waitStatus status: Int32) -> ProcessError {
        let signal = status & 0x7f
        if signal == 0 {
            let code = (status >> 8) & 0xff
            return code == 0 ? .noResult(process: process) : .exitedEarly(process: process, status: code)
        }
        return isCrash(signal) ? .crashed(process: process, signal: signal) : .killed(process: process, signal: signal)
    }
}
