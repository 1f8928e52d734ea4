import Foundation

/// Long text on a terminal goes through `$PAGER` (default `less -R`, which keeps colours), as
/// git and man do; short text, piped output, `--no-pager`, and an empty `PAGER` print directly.
struct Pager {
    var command: String

    /// The pager for `environment`, or nil when paging is off.
    init?(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let chosen = environment["PAGER"] ?? "less -R"
        guard !chosen.trimmingCharacters(in: .whitespaces).isEmpty, chosen != "cat" else { return nil }
        command = chosen
    }

    /// The terminal's height, else LINES, else 24.
    static func terminalHeight() -> Int {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_row > 0 { return Int(size.ws_row) }
        return ProcessInfo.processInfo.environment["LINES"].flatMap(Int.init) ?? 24
    }

    /// Feeds `text` to the pager and waits for the learner to leave it. False when the pager
    /// could not be run, so the caller prints instead.
    func show(_ text: String) -> Bool {
        var pipe: [Int32] = [0, 0]
        guard Glibc.pipe(&pipe) == 0 else { return false }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipe[0], 0)
        posix_spawn_file_actions_addclose(&actions, pipe[0])
        posix_spawn_file_actions_addclose(&actions, pipe[1])
        let words: [String] = ["/bin/sh", "-c", command]
        let argv = words.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, nil, argv, environ)
        close(pipe[0])
        guard spawned == 0 else {
            close(pipe[1])
            return false
        }
        // A learner who quits the pager early closes the pipe: that is EPIPE here, not a SIGPIPE death.
        let previous = signal(SIGPIPE, SIG_IGN)
        Array(text.utf8).withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = write(pipe[1], bytes.baseAddress! + offset, bytes.count - offset)
                if n <= 0 { break }
                offset += n
            }
        }
        close(pipe[1])
        signal(SIGPIPE, previous)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        // 126 and 127: the shell could not run the pager (not installed), so nothing was shown.
        let exited = status & 0x7f == 0 ? (status >> 8) & 0xff : -1
        return exited != 126 && exited != 127
    }
}

extension Console {
    /// Prints `lines`, through the pager when they do not fit the terminal and paging is allowed.
    func page(lines: [String], pager allowed: Bool) {
        if allowed, isInteractive, lines.count > Pager.terminalHeight() - 2, let pager = Pager(),
           pager.show(lines.joined(separator: "\n") + "\n") {
            return
        }
        print(lines: lines)
    }
}
