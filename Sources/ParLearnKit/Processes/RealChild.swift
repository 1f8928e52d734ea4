import Foundation
import Glibc

/// A worker started with `posix_spawn` of this very program (the *spawn* start method): it
/// re-executes the program, finds its role in the environment, and talks to the parent over
/// two pipes that it sees as file descriptors 3 (from the parent) and 4 (to the parent).
final class RealChild: ChildLink, @unchecked Sendable {
    // @unchecked: fds and pid are set once; `status` is written by the one thread that reaps.

    enum Role: String {
        /// Runs one entry point and exits.
        case worker
        /// Runs an initializer, then jobs until its input pipe closes.
        case pool
    }

    static let inputFD: Int32 = 3
    static let outputFD: Int32 = 4

    let name: String
    let processID: pid_t
    /// The parent's end of the pipe to the child (its fd 3).
    let toChild: Int32
    /// The parent's end of the pipe from the child (its fd 4).
    let fromChild: Int32
    private(set) var status: Int32?
    private var inputOpen = true

    private init(name: String, processID pid: pid_t, toChild: Int32, fromChild: Int32) {
        self.name = name
        self.processID = pid
        self.toChild = toChild
        self.fromChild = fromChild
    }

    deinit {
        closeInput()
        close(fromChild)
    }

    /// Closes the pipe to the child: a worker waiting for its next order then ends.
    func closeInput() {
        if inputOpen { close(toChild) }
        inputOpen = false
    }

    /// Starts the program again as a child with `role`.
    static func spawn(name: String, role: Role) throws -> RealChild {
        ignoreBrokenPipes
        let down = try pipe(), up = try pipe()
        defer { close(down.read); close(up.write) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // The pipes sit above 100 (see `pipe()`), so dup2 onto 3 and 4 never clobbers one of them.
        posix_spawn_file_actions_adddup2(&actions, down.read, inputFD)
        posix_spawn_file_actions_adddup2(&actions, up.write, outputFD)
        var environment = ProcessInfo.processInfo.environment
        environment[ChildRole.roleKey] = role.rawValue
        environment[ChildRole.nameKey] = name
        environment[ChildRole.parentKey] = String(getpid())
        // A crashed worker is reported by the parent; the runtime's full backtrace is noise here.
        if environment["SWIFT_BACKTRACE"] == nil { environment["SWIFT_BACKTRACE"] = "enable=no" }
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        var pid = pid_t()
        let rc = posix_spawn(&pid, "/proc/self/exe", &actions, nil, CommandLine.unsafeArgv, envp)
        guard rc == 0 else {
            close(down.write)
            close(up.read)
            throw ProcessError.system(call: "posix_spawn", errno: rc)
        }
        return RealChild(name: name, processID: pid, toChild: down.write, fromChild: up.read)
    }

    /// A pipe whose ends are close-on-exec (so no other worker inherits them) and numbered
    /// above 100.
    private static func pipe() throws -> (read: Int32, write: Int32) {
        var fds: [Int32] = [0, 0]
        guard pipe2(&fds, O_CLOEXEC) == 0 else { throw ProcessError.system(call: "pipe2", errno: errno) }
        let high = fds.map { fcntl($0, F_DUPFD_CLOEXEC, 100) }
        fds.forEach { close($0) }
        guard !high.contains(-1) else { throw ProcessError.system(call: "fcntl", errno: errno) }
        return (high[0], high[1])
    }

    // pipe2 is a GNU extension, missing from Swift's Glibc module: look it up once.
    private static let pipe2 = unsafeBitCast(dlsym(UnsafeMutableRawPointer(bitPattern: 0), "pipe2")!,
                                             to: (@convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32).self)

    /// Moves an fd that workers inherit (a pipe's end, a shared region) to 10 or above, so the
    /// dup2 onto a worker's fds 3 and 4 cannot replace it; clears close-on-exec.
    static func inheritable(_ fd: Int32) throws -> Int32 {
        let moved = fcntl(fd, F_DUPFD, 10)
        close(fd)
        guard moved >= 0 else { throw ProcessError.system(call: "fcntl", errno: errno) }
        return moved
    }

    /// A worker that died makes the parent's next write fail with EPIPE instead of killing it.
    static let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()

    /// Waits for the child to end and returns its wait status.
    @discardableResult
    func reap() -> Int32 {
        if let status { return status }
        var raw: Int32 = 0
        while waitpid(processID, &raw, 0) < 0 && errno == EINTR {}
        status = raw
        return raw
    }

    var pid: Int32? { processID }
    var hasEnded: Bool { status != nil }

    func kill() {
        if status == nil { Glibc.kill(processID, SIGKILL) }
        reap()
    }

    func send(_ frame: Data) throws { try Frames.write(frame, to: toChild) }

    func receive() throws -> Data? { try Frames.read(from: fromChild, sender: "worker \(name)") }
}

/// The parent's side of one worker, real or under the checker's broker.
protocol ChildLink: AnyObject, Sendable {
    var name: String { get }
    /// The operating system's process id; nil under the checker.
    var pid: Int32? { get }
    /// True once the worker has been reaped.
    var hasEnded: Bool { get }
    /// Sends one frame to the worker's input.
    func send(_ frame: Data) throws
    /// The worker's next frame; nil once it has ended.
    func receive() throws -> Data?
    /// Closes the worker's input: a worker waiting for its next order ends.
    func closeInput()
    /// Waits for the worker to end; its wait status.
    @discardableResult func reap() -> Int32
    /// Kills the worker (SIGKILL) and reaps it.
    func kill()
}

enum ChildLinks {
    /// Blocks until one of `links` has a frame or has ended; returns its index.
    static func waitForAny(_ links: [any ChildLink]) -> Int {
        if let broker = BrokerClient.current {
            let pipes = links.compactMap { ($0 as? BrokeredChild)?.fromChild }
            return broker.number(.waitAny(pipes: pipes))
        }
        var fds = links.map { pollfd(fd: ($0 as! RealChild).fromChild, events: Int16(POLLIN), revents: 0) }
        while poll(&fds, nfds_t(fds.count), -1) < 0 && errno == EINTR {}
        return fds.firstIndex { $0.revents != 0 } ?? 0
    }

    /// Starts a worker: forked by the broker under the checker, posix_spawn otherwise.
    static func start(name: String, pool: Bool) throws -> any ChildLink {
        if let broker = BrokerClient.current { return BrokeredChild.spawn(name: name, pool: pool, broker: broker) }
        return try RealChild.spawn(name: name, role: pool ? .pool : .worker)
    }
}
