import Foundation

/// Runs a program in a child process the way learner code must run: in its own process group,
/// stdin from /dev/null, output streamed as it arrives, a wall-clock limit, and Ctrl-C handling
/// decided by the caller (this type never touches signals of its own process).
public struct ChildProcess: Sendable {
    public var executable: String
    public var arguments: [String]
    /// Added to (and overriding) the parent's environment.
    public var environment: [String: String]
    /// Wall-clock limit in seconds.
    public var timeout: Double
    /// How long after the SIGINT of a Ctrl-C the runner waits before SIGKILL.
    public var interruptGrace: Double = 2

    public init(executable: String, arguments: [String] = [], environment: [String: String] = [:], timeout: Double) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.timeout = timeout
    }

    public enum Event: Sendable, Equatable {
        /// Bytes the child wrote, stdout and stderr merged in arrival order.
        case output(Data)
        /// The first Ctrl-C was forwarded as SIGINT to the child's group.
        case interruptSent
        /// The child ignored SIGINT, or a second Ctrl-C came: SIGKILL was sent.
        case killSent
    }

    /// Starts the child and waits for it. `interruptRequested` is polled about every 20 ms and
    /// should return true once per Ctrl-C; `onEvent` receives output and interrupt notices.
    public func run(interruptRequested: () -> Bool = { false }, onEvent: (Event) -> Void) -> RunStatus {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return .failedToStart(String(cString: strerror(errno))) }
        let (readEnd, writeEnd) = (fds[0], fds[1])
        defer { close(readEnd) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, writeEnd, 1)
        posix_spawn_file_actions_adddup2(&actions, writeEnd, 2)
        posix_spawn_file_actions_addclose(&actions, writeEnd)
        posix_spawn_file_actions_addclose(&actions, readEnd)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Its own process group: the terminal's Ctrl-C reaches only parlearn, which forwards it.
        posix_spawnattr_setpgroup(&attributes, 0)
        // Default signal dispositions and an empty mask, whatever the parent installed.
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigdefault(&attributes, &all)
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { $1 }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        close(writeEnd)
        guard spawned == 0 else { return .failedToStart("\(executable): \(String(cString: strerror(spawned)))") }

        let status = supervise(pid: pid, output: readEnd, interruptRequested: interruptRequested, onEvent: onEvent)
        // Whatever the child left behind in its group (grandchildren) goes with it.
        kill(-pid, SIGKILL)
        return status
    }

    private func supervise(pid: pid_t, output: Int32, interruptRequested: () -> Bool,
                           onEvent: (Event) -> Void) -> RunStatus {
        let start = ContinuousClock.now
        var interruptedAt: ContinuousClock.Instant?
        var killed = false
        var timedOut = false
        var buffer = [UInt8](repeating: 0, count: 65536)
        var pipeOpen = true
        while true {
            if pipeOpen {
                var pfd = pollfd(fd: output, events: Int16(POLLIN), revents: 0)
                if poll(&pfd, 1, 20) > 0 {
                    let n = read(output, &buffer, buffer.count)
                    if n > 0 { onEvent(.output(Data(buffer[0..<n]))) } else if n == 0 { pipeOpen = false }
                }
            } else {
                usleep(5_000)
            }
            var raw: Int32 = 0
            let reaped = waitpid(pid, &raw, WNOHANG)
            if reaped == pid {
                drain(output, &buffer, onEvent)
                return status(raw: raw, interruptedAt: interruptedAt, timedOut: timedOut)
            }
            if interruptRequested() {
                if interruptedAt == nil {
                    kill(-pid, SIGINT)
                    interruptedAt = .now
                    onEvent(.interruptSent)
                } else if !killed {
                    kill(-pid, SIGKILL)
                    killed = true
                    onEvent(.killSent)
                }
            }
            if let at = interruptedAt, !killed, ContinuousClock.now - at > .seconds(interruptGrace) {
                kill(-pid, SIGKILL)
                killed = true
                onEvent(.killSent)
            }
            if !timedOut, interruptedAt == nil, ContinuousClock.now - start > .seconds(timeout) {
                timedOut = true
                kill(-pid, SIGKILL)
            }
        }
    }

    /// Reads what is already in the pipe without waiting on writers the child may have left behind.
    private func drain(_ fd: Int32, _ buffer: inout [UInt8], _ onEvent: (Event) -> Void) {
        var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        while poll(&pfd, 1, 0) > 0, (pfd.revents & Int16(POLLIN)) != 0 {
            let n = read(fd, &buffer, buffer.count)
            guard n > 0 else { return }
            onEvent(.output(Data(buffer[0..<n])))
        }
    }

    private func status(raw: Int32, interruptedAt: ContinuousClock.Instant?, timedOut: Bool) -> RunStatus {
        let signal = raw & 0x7f
        if timedOut { return .timedOut(timeout) }
        if interruptedAt != nil && signal != 0 { return .interrupted(signal: signal) }
        if signal == 0 { return .exited((raw >> 8) & 0xff) }
        return .signaled(signal)
    }

    /// Runs a short helper command and collects its output (for `swiftc --version` and builds).
    public static func capture(executable: String, arguments: [String], environment: [String: String] = [:],
                               timeout: Double) -> (status: RunStatus, output: Data) {
        var output = Data()
        let status = ChildProcess(executable: executable, arguments: arguments, environment: environment,
                                  timeout: timeout)
            .run { event in if case .output(let data) = event { output.append(data) } }
        return (status, output)
    }
}
