import CLineEdit

/// The process's Ctrl-C flag, set by a C signal handler (async-signal-safe: it only stores a flag).
///
/// The handler is installed without `SA_RESTART`, so Ctrl-C also cuts short a blocking read or
/// sleep. While a learner program runs in its own process group, the terminal's Ctrl-C reaches only
/// the REPL; the runner polls here and forwards the signal to the child's group:
///
/// ```swift
/// _ = SigintWatch.take()                        // forget a Ctrl-C from before the run
/// while child.isRunning {
///     if SigintWatch.waitFor(timeout: .milliseconds(50)) { /* SIGINT, later SIGKILL, to -pid */ }
/// }
/// ```
enum SigintWatch {
    /// Installs the flag handler. Safe to call more than once.
    static func install() {
        _ = pl_install_sigint_handler()
    }

    /// True once for each Ctrl-C that arrived since the last `take` or `waitFor`.
    static func take() -> Bool {
        pl_take_sigint() != 0
    }

    /// Sleeps until Ctrl-C arrives or `timeout` passes. Returns true, consuming the Ctrl-C, if one
    /// arrived (also one that was already pending); false on timeout.
    static func waitFor(timeout: Duration) -> Bool {
        let (seconds, attoseconds) = timeout.components
        let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        return pl_wait_sigint(Int(clamping: max(0, milliseconds))) != 0
    }
}
