import Foundation
import WorkbookCore

/// Runs an interactive program the learner asked for (their `$EDITOR`) in the terminal's
/// foreground: same process group and terminal, so it can read keys. Learner code never runs
/// this way; it goes through `ChildProcess`.
enum ForegroundCommand {
    static func run(shellCommand: String, arguments: [String]) -> RunStatus {
        let argv = (["/bin/sh", "-c", shellCommand, "sh"] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/sh", nil, nil, argv, environ)
        guard spawned == 0 else { return .failedToStart(String(cString: strerror(spawned))) }
        var raw: Int32 = 0
        while waitpid(pid, &raw, 0) == -1 && errno == EINTR {}
        let signal = raw & 0x7f
        return signal == 0 ? .exited((raw >> 8) & 0xff) : .signaled(signal)
    }
}
