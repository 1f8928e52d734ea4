import Foundation
import Glibc
import Synchronization

/// What a worker process does once it has re-executed the program up to its first use of the
/// process API: run its entry point (or its pool's jobs) and exit, never the parent's code.
///
/// This is Python's `if __name__ == "__main__":` rule made implicit: top-level code above the
/// first process-API call runs in every worker too, so entry points are declared there.
enum ChildRole {
    static let roleKey = "PARLEARN_PROCESS_ROLE"
    static let nameKey = "PARLEARN_PROCESS_NAME"
    static let parentKey = "PARLEARN_PROCESS_PARENT"

    private static let tookOver = Synchronization.Atomic<Bool>(false)

    /// This process's name as a worker, or nil in the program's first process.
    static let workerName: String? = ProcessInfo.processInfo.environment[nameKey]

    /// Called by every process-API entry point. In a worker the first call never returns.
    static func takeOverIfChild() {
        let environment = ProcessInfo.processInfo.environment
        guard let raw = environment[roleKey], let role = RealChild.Role(rawValue: raw) else { return }
        // Once only: the entry point may itself start processes.
        guard tookOver.compareExchange(expected: false, desired: true, ordering: .relaxed).exchanged else { return }
        dieWithParent(expected: environment[parentKey].flatMap { pid_t($0) })
        for key in [roleKey, nameKey, parentKey] { unsetenv(key) }
        let name = environment[nameKey] ?? "worker"
        let channel = FDWorkerChannel()
        switch role {
        case .worker: WorkerLoop.runOnce(channel: channel, name: name)
        case .pool: WorkerLoop.runJobs(channel: channel, name: name)
        }
        fflush(nil)
        _exit(0)
    }

    /// A worker must not outlive its parent: the kernel kills it when the parent dies.
    /// `prctl` is variadic, which Swift cannot call, so it is looked up as a plain C function.
    static func dieWithParent(expected parent: pid_t?) {
        typealias Prctl = @convention(c) (Int32, UInt, UInt, UInt, UInt) -> Int32
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "prctl") {
            _ = unsafeBitCast(symbol, to: Prctl.self)(1 /* PR_SET_PDEATHSIG */, UInt(SIGKILL), 0, 0, 0)
        }
        // The parent may have died before the line above ran.
        if let parent, getppid() != parent { _exit(1) }
    }
}

/// The worker's side of its link to the parent: whole frames in, whole frames out.
protocol WorkerChannel {
    /// The next frame from the parent; nil when the parent is done with this worker.
    func receive() throws -> Data?
    func send(_ frame: Data) throws
}

/// Plain mode: file descriptors 3 and 4, set up by ``RealChild/spawn(name:role:)``.
struct FDWorkerChannel: WorkerChannel {
    func receive() throws -> Data? { try Frames.read(from: RealChild.inputFD, sender: "the parent") }
    func send(_ frame: Data) throws { try Frames.write(frame, to: RealChild.outputFD) }
}

/// A job for a worker: which entry point, its input, and whether the checker injects a crash.
struct WorkOrder: Codable {
    var entry: String
    var input: Data
    var crash = false
}

/// A worker's answer to one work order.
enum WorkReply: Codable, Equatable {
    case value(Data)
    case failed(String)
    case unknownEntryPoint(String)

    /// The output of a job, or the error the parent reports for it.
    func output(worker: String) throws -> Data {
        switch self {
        case .value(let data): return data
        case .failed(let message): throw ProcessError.entryFailed(process: worker, message: message)
        case .unknownEntryPoint(let entry): throw ProcessError.unknownEntryPoint(process: worker, name: entry)
        }
    }
}

/// The loops a worker runs, the same in plain and explore mode (only the channel differs).
enum WorkerLoop {
    /// One work order, one reply.
    static func runOnce(channel: some WorkerChannel, name: String) {
        guard let frame = try? channel.receive(), let order = try? JSONDecoder().decode(WorkOrder.self, from: frame) else { return }
        try? channel.send(encode(perform(order)))
    }

    /// An initializer order, then job orders until the parent closes the pipe. Every order gets
    /// exactly one reply, the initializer's included.
    static func runJobs(channel: some WorkerChannel, name: String) {
        while let frame = try? channel.receive(), let order = try? JSONDecoder().decode(WorkOrder.self, from: frame) {
            if order.crash { abort() }  // an injected crash: the pool must lose no job
            guard (try? channel.send(encode(perform(order)))) != nil else { return }
        }
    }

    static func perform(_ order: WorkOrder) -> WorkReply {
        guard let run = EntryPoints.lookup(order.entry) else { return .unknownEntryPoint(order.entry) }
        do {
            return .value(try run(order.input))
        } catch {
            return .failed("\(error)")
        }
    }

    static func encode(_ reply: WorkReply) -> Data {
        // A reply holds only bytes and strings, which always encode.
        try! JSONEncoder().encode(reply)
    }
}
