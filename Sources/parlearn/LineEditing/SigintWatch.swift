import CLineEdit

/// The process's Ctrl-C flag, set by a C signal handler (async-signal-safe: it only stores a flag).
///
/// The handler is installed without `SA_RESTART`, so Ctrl-C also cuts short a blocking read. While a
/// learner program runs in its own process group, the terminal's Ctrl-C reaches only parlearn; the
/// runner polls `take` (as `CommandContext.interruptRequested`) and forwards the signal to the
/// child's group.
enum SigintWatch {
    /// Installs the flag handler. Safe to call more than once.
    static func install() {
        _ = pl_install_sigint_handler()
    }

    /// True once for each Ctrl-C that arrived since the last `take`.
    static func take() -> Bool {
        pl_take_sigint() != 0
    }
}
