import Foundation
import Glibc

/// One schedule of a process scenario, run by the broker (the program's first process).
///
/// Each logical process is a real child forked from the broker while the broker is
/// single-threaded and has run no scenario code, so every child starts from the same fresh
/// state, as a spawned worker would, and its globals are its own. Children reach the broker
/// for every cross-process operation; the broker keeps the pipes' buffers, the shared
/// regions' values and the locks, asks the strategy which pending process goes next, performs
/// that process's operation and answers it. Exactly one child runs at a time, so the code
/// between two operations (and any file I/O there) happens in schedule order.
final class ProcessExecution {
    enum State {
        case running
        case pending(BrokerRequest, frames: [UInt])
        case ended(status: Int32)
    }

    enum Role {
        case main(@Sendable () throws -> Void)
        case worker
        case pool
    }

    struct Child {
        var name: String
        var pid: pid_t
        var fd: Int32
        var state: State
    }

    struct PipeModel {
        var name: String
        var capacity: Int
        var frames: [Data] = []
        var bytes = 0
        var closed = false
    }

    struct Region {
        var name: String
        var values: [Int]
        var holder: Int?
    }

    /// Processes per schedule; schedule strings name at most 52 ids.
    static let processLimit = 50

    private(set) var children: [Child] = []
    private var pipes: [Int: PipeModel] = [:]
    private var userPipes = 0
    private var regions: [Region] = []
    private var fileHolders: [String: Int] = [:]
    private(set) var choices: [Int] = []
    private(set) var preemptions = 0
    private(set) var finding: Finding?
    private var last: Int?
    let recorder: Recorder?
    let watchdogSeconds: Double

    init(recorder: Recorder?, watchdogSeconds: Double) {
        self.recorder = recorder
        self.watchdogSeconds = watchdogSeconds
    }

    var names: [String] { children.map(\.name) }

    /// Runs the scenario `body` under `strategy` until it ends or fails; kills what is left.
    func run(strategy: inout any SchedulingStrategy, body: @escaping @Sendable () throws -> Void) {
        start(name: "main", role: .main(body))
        while finding == nil {
            var runnable: [Int] = []
            var pending = false
            for (id, child) in children.enumerated() {
                guard case .pending(let request, _) = child.state else { continue }
                pending = true
                if canProceed(request) { runnable.append(id) }
            }
            guard !runnable.isEmpty else {
                if pending { fail(.deadlock(blocked())) }
                break
            }
            guard choices.count < Execution.stepLimit else {
                fail(.livelock(steps: choices.count, spinners: runnable, cycle: Finding.repeatingTurns(in: choices)))
                break
            }
            let current = last.flatMap { runnable.contains($0) ? $0 : nil }
            let next = strategy.choose(runnable: runnable, current: current)
            if let current, next != current { preemptions += 1 }
            choices.append(next)
            last = next
            perform(next)
        }
        for child in children { if case .ended = child.state {} else { kill(child.pid, SIGKILL) } }
        for id in children.indices { if case .ended = children[id].state {} else { collectEnd(of: id) } }
    }

    // MARK: Children

    /// Forks a child for `role` and lets it run to its first operation.
    @discardableResult
    private func start(name: String, role: Role) -> Int? {
        guard children.count < Self.processLimit else {
            fail(.threadLimit(limit: Self.processLimit))
            return nil
        }
        let id = children.count
        var pair: [Int32] = [0, 0]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &pair) == 0 else {
            fail(.crashed(thread: last ?? 0, description: "the checker could not start \(name): \(String(cString: strerror(errno)))"))
            return nil
        }
        fflush(nil)  // the child must not print the broker's buffered output again
        let broker = getpid()
        let pid = fork()
        if pid == 0 {
            ChildRole.dieWithParent(expected: broker)
            close(pair[0])
            for child in children { close(child.fd) }
            becomeChild(id: id, fd: pair[1], name: name, role: role)
        }
        close(pair[1])
        children.append(Child(name: name, pid: pid, fd: pair[0], state: .running))
        if case .main = role {} else {
            pipes[BrokeredChild.inputPipe(of: id)] = PipeModel(name: "\(name) input", capacity: 65_536)
            pipes[BrokeredChild.outputPipe(of: id)] = PipeModel(name: "\(name) output", capacity: 65_536)
        }
        awaitRequest(from: id)
        return id
    }

    private func becomeChild(id: Int, fd: Int32, name: String, role: Role) -> Never {
        // A crash here is this child's, reported by the broker: no crash record, no backtracer.
        CrashRecords.disarmed = true
        for signal in CrashRecords.signals { Glibc.signal(signal, SIG_DFL) }
        let client = BrokerClient(fd: fd, id: id, recording: recorder != nil)
        BrokerClient.current = client
        CurrentExecution.sink = client
        switch role {
        case .main(let body):
            do {
                try body()
                client.finish(error: nil)
            } catch {
                client.finish(error: "\(error)")
            }
        case .worker: WorkerLoop.runOnce(channel: BrokeredWorkerChannel(broker: client), name: name)
        case .pool: WorkerLoop.runJobs(channel: BrokeredWorkerChannel(broker: client), name: name)
        }
        fflush(nil)
        _exit(0)
    }

    /// Waits until child `id`, which runs, asks for its next operation or ends.
    ///
    /// The watchdog counts CPU time while the child is runnable, so that on a busy machine a
    /// child waiting for a core is never taken for one spinning (the verdict must not depend on
    /// load); a child asleep outside the checker's sight is stuck after `watchdogSeconds`.
    private func awaitRequest(from id: Int) {
        let pid = children[id].pid
        let cpuAtStart = Self.cpuSeconds(of: pid)
        while true {
            var poller = pollfd(fd: children[id].fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, Int32(watchdogSeconds * 1000))
            if ready < 0 && errno == EINTR { continue }
            guard ready > 0 else {
                let runnable = Self.isRunnable(pid)
                if runnable, let cpuAtStart, let now = Self.cpuSeconds(of: pid), now - cpuAtStart < watchdogSeconds {
                    continue
                }
                fail(.stuck(thread: id, spinning: runnable, seconds: watchdogSeconds))
                return
            }
            guard let frame = try? Frames.read(from: children[id].fd, sender: children[id].name),
                  let (request, frames) = try? BrokerRequest.decode(frame) else {
                collectEnd(of: id)
                return
            }
            switch request {
            case .finished(let error?):
                recorder?.record(thread: id, operation: "threw", value: error, frames: frames)
                fail(.uncaught(thread: id, message: error))
                return
            case .finished(nil):
                continue  // the end of the process follows
            case .check(let message, let file, let line):
                recorder?.record(thread: id, operation: "check failed", value: message, file: file, line: line)
                fail(.invariant(message: message, file: file, line: line, thread: id))
                return
            default:
                children[id].state = .pending(request, frames: frames)
                return
            }
        }
    }

    /// Reaps child `id`; its output pipe closes and its locks are released, as the kernel does.
    private func collectEnd(of id: Int) {
        var status: Int32 = 0
        while waitpid(children[id].pid, &status, 0) < 0 && errno == EINTR {}
        close(children[id].fd)
        children[id].state = .ended(status: status)
        pipes[BrokeredChild.outputPipe(of: id)]?.closed = true
        for r in regions.indices where regions[r].holder == id { regions[r].holder = nil }
        for (path, holder) in fileHolders where holder == id { fileHolders[path] = nil }
        let signal = status & 0x7f
        if id == 0, finding == nil, signal != 0 || (status >> 8) & 0xff != 0 {
            let error = ProcessError.ended("main", waitStatus: status)
            recorder?.record(thread: id, operation: "ended", value: "\(error)", frames: [])
            fail(.crashed(thread: id, description: "\(error)".replacingOccurrences(of: "worker main", with: "the main process")))
        }
    }

    /// The CPU time process `pid` has used, from its CPU-time clock: one system call, cheap
    /// enough for every step (reading `/proc` each step cost a quarter of the broker's time).
    private static func cpuSeconds(of pid: pid_t) -> Double? {
        var clock = clockid_t()
        var time = timespec()
        guard clock_getcpuclockid(pid, &clock) == 0, clock_gettime(clock, &time) == 0 else { return nil }
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// Whether `pid` is running or waiting for a core, from the state field of `/proc/<pid>/stat`
    /// (the first after the parenthesised command name); read only when the watchdog fires.
    private static func isRunnable(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        return stat[stat.index(after: close)...].split(separator: " ").first == "R"
    }

    private func fail(_ found: Finding) {
        if finding == nil { finding = found }
    }

    // MARK: Operations

    private func canProceed(_ request: BrokerRequest) -> Bool {
        switch request {
        case .join(let p): if case .ended = children[p].state { return true } else { return false }
        case .send(let p, let bytes):
            guard let pipe = pipes[p] else { return true }
            return pipe.bytes == 0 || pipe.bytes + bytes.count + 4 <= pipe.capacity
        case .receive(let p): return pipes[p].map { !$0.frames.isEmpty || $0.closed } ?? true
        case .waitAny(let ps): return ps.contains { p in pipes[p].map { !$0.frames.isEmpty || $0.closed } ?? true }
        case .lock(let r): return regions[r].holder == nil
        case .lockFile(let path): return fileHolders[path] == nil
        default: return true
        }
    }

    /// Performs the pending operation of child `id`, answers it and waits for its next one.
    private func perform(_ id: Int) {
        guard case .pending(let request, let frames) = children[id].state else { return }
        children[id].state = .running
        let (answer, operation, value) = apply(request, by: id)
        recorder?.record(thread: id, operation: operation, value: value, frames: frames)
        guard finding == nil else { return }
        if (try? Frames.write(answer.encode(), to: children[id].fd)) == nil {
            collectEnd(of: id)
            return
        }
        awaitRequest(from: id)
    }

    private func apply(_ request: BrokerRequest, by id: Int) -> (BrokerResponse, String, String?) {
        let done = BrokerResponse.number(0)
        switch request {
        case .spawn(let name, let pool):
            let child = start(name: name, role: pool ? .pool : .worker)
            return (.number(child ?? -1), "spawn \(name)", nil)
        case .join(let p):
            guard case .ended(let status) = children[p].state else { return (done, "join", nil) }
            return (.number(Int(status)), "join \(children[p].name)", Self.describe(status))
        case .kill(let p):
            if case .ended = children[p].state {} else {
                Glibc.kill(children[p].pid, SIGKILL)
                collectEnd(of: p)
            }
            return (done, "kill \(children[p].name)", nil)
        case .createPipe(let name, let capacity):
            let p = userPipes
            userPipes += 1
            pipes[p] = PipeModel(name: name, capacity: capacity)
            return (.number(p), "create pipe \(name)", nil)
        case .closePipe(let p):
            pipes[p]?.closed = true
            return (done, "close \(pipeName(p))", nil)
        case .send(let p, let bytes):
            pipes[p]?.frames.append(bytes)
            pipes[p]?.bytes += bytes.count + 4
            return (done, sendText(p, by: id), Self.preview(bytes, pipe: p))
        case .receive(let p):
            guard var pipe = pipes[p], !pipe.frames.isEmpty else { return (.closed, receiveText(p, by: id), "closed") }
            let bytes = pipe.frames.removeFirst()
            pipe.bytes -= bytes.count + 4
            pipes[p] = pipe
            return (.bytes(bytes), receiveText(p, by: id), Self.preview(bytes, pipe: p))
        case .waitAny(let ps):
            let i = ps.firstIndex { p in pipes[p].map { !$0.frames.isEmpty || $0.closed } ?? true } ?? 0
            return (.number(i), "wait for a reply", pipeName(ps[i]))
        case .createRegion(let name, let count, let initial):
            regions.append(Region(name: name, values: Array(repeating: initial, count: count)))
            return (.number(regions.count - 1), "create shared memory \(name)", nil)
        case .read(let r, let i), .load(let r, let i):
            let verb = if case .read = request { "read" } else { "atomic load" }
            return (.number(regions[r].values[i]), "\(verb) \(regions[r].name)[\(i)]", String(regions[r].values[i]))
        case .write(let r, let i, let v), .store(let r, let i, let v):
            regions[r].values[i] = v
            let verb = if case .write = request { "write" } else { "atomic store" }
            return (done, "\(verb) \(regions[r].name)[\(i)]", String(v))
        case .add(let r, let i, let v):
            let old = regions[r].values[i]
            regions[r].values[i] = old &+ v
            return (.number(old), "atomic add \(v) to \(regions[r].name)[\(i)]", "\(old) → \(old &+ v)")
        case .compareExchange(let r, let i, let expected, let desired):
            let old = regions[r].values[i]
            if old == expected { regions[r].values[i] = desired }
            return (.number(old), "compare-exchange \(regions[r].name)[\(i)]",
                    old == expected ? "\(old) → \(desired)" : "\(old), expected \(expected): unchanged")
        case .lock(let r):
            regions[r].holder = id
            return (done, "lock \(regions[r].name)", nil)
        case .unlock(let r):
            if regions[r].holder == id { regions[r].holder = nil }
            return (done, "unlock \(regions[r].name)", nil)
        case .lockFile(let path):
            fileHolders[path] = id
            return (done, "lock file \(SourceLocator.shortName(path))", nil)
        case .unlockFile(let path):
            if fileHolders[path] == id { fileHolders[path] = nil }
            return (done, "unlock file \(SourceLocator.shortName(path))", nil)
        case .check, .finished:
            return (done, "", nil)
        }
    }

    // MARK: Wording

    /// Worker pipes are named for what flows on them.
    private func sendText(_ p: Int, by id: Int) -> String {
        if p >= 0 { return "send on \(pipeName(p))" }
        return owner(of: p) == id ? "send result" : "send job to \(children[owner(of: p)].name)"
    }

    private func receiveText(_ p: Int, by id: Int) -> String {
        if p >= 0 { return "receive from \(pipeName(p))" }
        return owner(of: p) == id ? "receive job" : "receive result of \(children[owner(of: p)].name)"
    }

    private func owner(of internalPipe: Int) -> Int { (-internalPipe - 1) / 2 }

    private func pipeName(_ p: Int) -> String { pipes[p]?.name ?? "pipe \(p)" }

    private static func preview(_ bytes: Data, pipe: Int) -> String? {
        // Worker pipes carry JSON-wrapped jobs and replies: too noisy for a table cell.
        guard pipe >= 0 else { return nil }
        let text = String(decoding: bytes.prefix(40), as: UTF8.self)
        return bytes.count > 40 ? text + "…" : text
    }

    private static func describe(_ status: Int32) -> String {
        let signal = status & 0x7f
        return signal == 0 ? "exit \((status >> 8) & 0xff)" : "signal \(signal)"
    }

    private func blocked() -> [BlockedThread] {
        children.enumerated().compactMap { id, child in
            guard case .pending(let request, _) = child.state else { return nil }
            switch request {
            case .join(let p):
                return BlockedThread(thread: id, waitsFor: "\(children[p].name) to end", holder: p, holderOwns: false)
            case .send(let p, _):
                let pipe = pipes[p]
                return BlockedThread(thread: id, waitsFor: "room in \(pipeName(p)) (full: \(pipe?.bytes ?? 0) of \(pipe?.capacity ?? 0) bytes)",
                                     holder: nil, holderOwns: false)
            case .receive(let p):
                return BlockedThread(thread: id, waitsFor: "a message on \(pipeName(p)), which is empty", holder: nil, holderOwns: false)
            case .waitAny(let ps):
                return BlockedThread(thread: id, waitsFor: "a reply from " + ps.map(pipeName).joined(separator: " or "),
                                     holder: nil, holderOwns: false)
            case .lock(let r):
                return BlockedThread(thread: id, waitsFor: "lock \(regions[r].name)", holder: regions[r].holder, holderOwns: true)
            case .lockFile(let path):
                return BlockedThread(thread: id, waitsFor: "file lock \(SourceLocator.shortName(path))",
                                     holder: fileHolders[path], holderOwns: true)
            default:
                return BlockedThread(thread: id, waitsFor: "nothing", holder: nil, holderOwns: false)
            }
        }
    }
}
