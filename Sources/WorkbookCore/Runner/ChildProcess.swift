import Foundation

/// Runs a program in a child process the way learner code must run: in its own process group,
/// stdin from /dev/null, output streamed as it arrives, a time limit, and Ctrl-C handling
/// decided by the caller (this type never touches signals of its own process).
public struct ChildProcess: Sendable {
    public var executable: String
    public var arguments: [String]
    /// Added to (and overriding) the parent's environment.
    public var environment: [String: String]
    /// The time limit in seconds, counted as ``limit`` says.
    public var timeout: Double
    public var limit: Limit = .wallClock
    /// How long after the SIGINT of a Ctrl-C the runner waits before SIGKILL.
    public var interruptGrace: Double = 2
    /// Where the child's output goes. A pipe is live but makes a child that prints faster than
    /// the parent reads wait for it, so its timing depends on the machine; checker runs use a
    /// file, which never blocks the writer, so a verdict cannot depend on output volume.
    public var output: OutputChannel = .pipe
    /// Descriptors of this process the child inherits, by the number it sees (child → parent).
    public var inheritedDescriptors: [Int32: Int32] = [:]
    /// The most resident memory the child may use, in bytes; it is stopped past it. Checked as
    /// it runs (every 20 ms), not with `RLIMIT_AS`: ThreadSanitizer reserves terabytes of
    /// address space it never touches, and a reservation is not memory. nil: no limit.
    public var memoryLimit: Int? = ChildProcess.defaultMemoryLimit

    /// 4 GiB: far above any exercise (a TSan build of one uses well under 1 GiB), far below a
    /// machine that a runaway allocation would push into swap.
    public static let defaultMemoryLimit = 4 << 30

    /// What ``timeout`` counts.
    public enum Limit: Sendable, Equatable {
        /// Wall-clock seconds: for plain runs, whose timing is the machine's anyway.
        case wallClock
        /// The child's own time, for runs whose verdict must not depend on load: it is stopped
        /// as `.timedOut` once it used `timeout` seconds of CPU time (looping), or once
        /// `timeout` wall seconds have passed and nothing in its process group runs or waits
        /// for a core (waiting for good: a deadlock, a sleep). A loaded machine delays a child
        /// without charging it either way. Past `backstop` wall seconds the child is stopped as
        /// `.stalled`: no verdict, the machine gave it too little time.
        case ownTime(backstop: Double)
    }

    public enum OutputChannel: Sendable, Equatable {
        case pipe
        /// An unlinked temporary file, read as it grows; the child is stopped past `limit` bytes.
        case file(limit: Int)
    }

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
        guard let sink = OutputSink(output) else { return .failedToStart(String(cString: strerror(errno))) }
        defer { sink.close() }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, sink.childEnd, 1)
        posix_spawn_file_actions_adddup2(&actions, sink.childEnd, 2)
        posix_spawn_file_actions_addclose(&actions, sink.childEnd)
        if sink.parentEnd != sink.childEnd { posix_spawn_file_actions_addclose(&actions, sink.parentEnd) }
        for (childFD, parentFD) in inheritedDescriptors.sorted(by: { $0.key < $1.key }) {
            posix_spawn_file_actions_adddup2(&actions, parentFD, childFD)
        }

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
        // Marks every descendant, so the sweep below can tell a run's escaped processes from others.
        env[Descendants.marker] = "1"
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        Descendants.becomeSubreaper()
        var pid: pid_t = 0
        let spawned = Descendants.spawning { pid in posix_spawn(&pid, executable, &actions, &attributes, argv, envp) }
        pid = spawned.pid
        sink.closeChildEnd()
        guard spawned.error == 0 else {
            return .failedToStart("\(executable): \(String(cString: strerror(spawned.error)))")
        }

        let status = supervise(pid: pid, sink: sink, interruptRequested: interruptRequested, onEvent: onEvent)
        // Whatever the child left behind in its group (grandchildren) goes with it, and so do
        // descendants that left the group (setsid) and were re-parented to this process.
        kill(-pid, SIGKILL)
        Descendants.finished(pid)
        return status
    }

    private func supervise(pid: pid_t, sink: OutputSink, interruptRequested: () -> Bool,
                           onEvent: (Event) -> Void) -> RunStatus {
        let start = ContinuousClock.now
        var interruptedAt: ContinuousClock.Instant?
        var killed = false
        var ending: RunStatus?
        var activity = ChildActivity(pid: pid)
        while true {
            if let data = sink.read(waitingMilliseconds: 20) { onEvent(.output(data)) }
            var raw: Int32 = 0
            let reaped = waitpid(pid, &raw, WNOHANG)
            if reaped == pid {
                while let data = sink.read(waitingMilliseconds: 0) { onEvent(.output(data)) }
                return ending ?? status(raw: raw, interruptedAt: interruptedAt)
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
            if ending == nil, interruptedAt == nil {
                ending = limitReached(elapsed: ContinuousClock.now - start, activity: &activity)
                if ending == nil, case .file(let limit) = output, sink.bytesWritten > limit {
                    ending = .outputLimit(limit)
                }
                if ending == nil, let memoryLimit, let resident = Self.residentBytes(of: pid), resident > memoryLimit {
                    ending = .memoryLimit(memoryLimit)
                }
                if ending != nil { kill(-pid, SIGKILL) }
            }
        }
    }

    /// The resident memory of process `pid` (its second `statm` field, in pages), nil once gone.
    static func residentBytes(of pid: pid_t) -> Int? {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/statm") else { return nil }
        let fields = data.split(separator: UInt8(ascii: " "), maxSplits: 2)
        guard fields.count > 1, let pages = Int(String(decoding: fields[1], as: UTF8.self)) else { return nil }
        return pages * sysconf(Int32(_SC_PAGESIZE))
    }

    /// How the run must end now that `elapsed` has passed, nil while it may go on.
    private func limitReached(elapsed: Duration, activity: inout ChildActivity) -> RunStatus? {
        switch limit {
        case .wallClock:
            return elapsed > .seconds(timeout) ? .timedOut(timeout) : nil
        case .ownTime(let backstop):
            if let cpu = activity.cpuSeconds, cpu > timeout { return .timedOut(timeout) }
            if elapsed > .seconds(timeout), activity.isIdle() { return .timedOut(timeout) }
            return elapsed > .seconds(backstop) ? .stalled(backstop) : nil
        }
    }

    private func status(raw: Int32, interruptedAt: ContinuousClock.Instant?) -> RunStatus {
        let signal = raw & 0x7f
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
