import Foundation
import Glibc
import Synchronization

/// A pool of worker processes that run jobs, like `concurrent.futures.ProcessPoolExecutor`
/// (spawn start method) with its `initializer`.
///
/// Each worker runs the initializer once when it starts, then one job at a time. A job is an
/// ``EntryPoint`` and its input; ``submit(_:_:)`` returns a ``ProcessFuture`` at once and
/// ``map(_:_:)`` returns the outputs in input order.
///
/// A worker that crashes fails only the job it was running (its future throws
/// ``ProcessError/crashed(process:signal:)``); the pool starts a new worker in its place, so no
/// job is lost or left waiting. Workers never see the parent's globals: configuration that
/// workers need goes through the initializer.
///
/// ```swift
/// let square = EntryPoint("square") { (n: Int) in n * n }
///
/// let pool = try ProcessPool(workers: 2)
/// let squares = try pool.map(square, Array(1...10))
/// pool.shutdown()
/// ```
///
/// Jobs run while the parent waits in ``ProcessFuture/result()`` or ``map(_:_:)``; the pool
/// needs no threads of its own.
public final class ProcessPool: Sendable {
    /// How many worker processes run jobs at once.
    public let workerCount: Int
    let initializer: WorkOrder?
    private let state: Synchronization.Mutex<PoolState>
    /// Held by the one caller that waits for replies; the others wait for it.
    private let pump = Synchronization.Mutex(())

    /// A pool of `workers` processes (default: one per core) with no initializer.
    public convenience init(workers: Int = ProcessPool.defaultWorkerCount) throws {
        try self.init(workers: workers, initializerOrder: nil)
    }

    /// A pool whose workers each run `initializer` with `initialInput` once, before their
    /// first job (≈ `ProcessPoolExecutor(initializer=f, initargs=(x,))`).
    public convenience init<Input, Output>(
        workers: Int = ProcessPool.defaultWorkerCount, initializer: EntryPoint<Input, Output>, initialInput: Input
    ) throws {
        let order = WorkOrder(entry: initializer.name, input: try MessageCoding.encode(initialInput))
        try self.init(workers: workers, initializerOrder: order)
    }

    private init(workers: Int, initializerOrder: WorkOrder?) throws {
        ChildRole.takeOverIfChild()
        precondition(workers > 0, "a process pool needs at least one worker")
        workerCount = workers
        initializer = initializerOrder
        state = Synchronization.Mutex(PoolState(crashJob: ProgramRun.request.crashJob))
        for i in 0..<workers {
            let worker = try startWorker(named: "P\(i + 1)")
            state.withLock { $0.workers.append(worker) }
        }
    }

    /// The cores this machine has, the default pool size.
    public static var defaultWorkerCount: Int { max(1, OSThread.coreCount) }

    deinit { shutdown() }

    /// Submits one job and returns a future for its output (≈ `executor.submit(f, x)`).
    public func submit<Input, Output>(_ entry: EntryPoint<Input, Output>, _ input: Input) throws
        -> ProcessFuture<Output> {
        let order = WorkOrder(entry: entry.name, input: try MessageCoding.encode(input))
        let id = try state.withLock { s in
            guard !s.shutDown else { throw ProcessError.poolShutDown }
            return s.enqueue(order)
        }
        try pump.withLock { _ in try dispatch() }
        return ProcessFuture(pool: self, job: id)
    }

    /// Runs `entry` on every input and returns the outputs in input order
    /// (≈ `list(executor.map(f, xs))`). Throws the first failed job's error, after every job
    /// has finished.
    public func map<Input, Output>(_ entry: EntryPoint<Input, Output>, _ inputs: [Input]) throws -> [Output] {
        let futures = try inputs.map { input in try submit(entry, input) }
        let results = futures.map { future in Result { try future.result() } }
        return try results.map { try $0.get() }
    }

    /// Stops the workers after their current jobs (≈ `executor.shutdown(wait=True)`). Jobs not
    /// yet started fail with ``ProcessError/poolShutDown``. Calling it again does nothing.
    public func shutdown() {
        pump.withLock { _ in
            let workers = state.withLock { s in
                s.shutDown = true
                s.failQueued(with: ProcessError.poolShutDown)
                defer { s.workers.removeAll() }
                return s.workers
            }
            for worker in workers {
                if let job = worker.job { finish(job, with: collect(from: worker)) }
                worker.link.closeInput()
                worker.link.reap()
            }
        }
    }

    // MARK: Running jobs

    /// Waits until job `id` has an outcome, running the pool meanwhile.
    func outcome(of id: Int) -> Result<Data, Error> {
        while true {
            if let done = state.withLock({ $0.outcomes[id] }) { return done }
            pump.withLock { _ in
                guard state.withLock({ $0.outcomes[id] == nil }) else { return }
                do {
                    try dispatch()
                    let busy = state.withLock { s in s.workers.indices.filter { s.workers[$0].job != nil } }
                    guard !busy.isEmpty else {
                        // Nothing runs and the job has no outcome: the pool was shut down.
                        state.withLock { s in if s.outcomes[id] == nil { s.outcomes[id] = .failure(ProcessError.poolShutDown) } }
                        return
                    }
                    let links = state.withLock { s in busy.map { s.workers[$0].link } }
                    let ready = busy[ChildLinks.waitForAny(links)]
                    try complete(worker: ready)
                } catch {
                    state.withLock { s in if s.outcomes[id] == nil { s.outcomes[id] = .failure(error) } }
                }
            }
        }
    }

    /// Hands queued jobs to idle workers.
    private func dispatch() throws {
        while let (link, order) = state.withLock({ $0.nextAssignment() }) {
            // A worker that died is noticed when its reply is read.
            try? link.send(JSONEncoder().encode(order))
        }
    }

    /// Reads the reply of the busy worker at `index`; replaces the worker if it ended.
    private func complete(worker index: Int) throws {
        let worker = state.withLock { $0.workers[index] }
        guard let job = worker.job else { return }
        let outcome = collect(from: worker)
        finish(job, with: outcome)
        if worker.link.hasEnded {
            let replacement = try startWorker(named: worker.name)
            state.withLock { $0.workers[index] = replacement }
        } else {
            state.withLock { $0.workers[index].job = nil }
        }
    }

    /// The reply to the job `worker` runs: its output, or why there is none.
    /// A worker that sent something that is not a reply is stopped: its pipe cannot be trusted.
    private func collect(from worker: PoolWorker) -> Result<Data, Error> {
        let link = worker.link
        return Result { () throws -> Data in
            let reply: WorkReply
            do {
                guard let frame = try link.receive() else { throw ProcessError.ended(worker.name, waitStatus: link.reap()) }
                reply = try MessageCoding.decode(WorkReply.self, from: frame, what: "its reply", sender: "worker \(worker.name)")
            } catch ProcessError.badMessage(let from, let reason) {
                link.kill()
                throw ProcessError.badMessage(from: from, reason: reason)
            }
            return try reply.output(worker: worker.name)
        }
    }

    private func finish(_ job: PoolJob, with outcome: Result<Data, Error>) {
        state.withLock { s in
            switch job {
            case .initializer:
                if case .failure(let error) = outcome { s.broken = error; s.failQueued(with: error) }
            case .job(let id): s.outcomes[id] = outcome
            }
        }
    }

    /// Starts a worker and gives it the initializer as its first order.
    private func startWorker(named name: String) throws -> PoolWorker {
        var worker = PoolWorker(name: name, link: try ChildLinks.start(name: name, pool: true))
        if let initializer {
            try? worker.link.send(JSONEncoder().encode(initializer))
            worker.job = .initializer
        }
        return worker
    }
}

/// The outcome of a job submitted to a ``ProcessPool`` (≈ `concurrent.futures.Future`).
public final class ProcessFuture<Output: Codable & Sendable>: Sendable {
    private let pool: ProcessPool
    private let job: Int

    init(pool: ProcessPool, job: Int) {
        self.pool = pool
        self.job = job
    }

    /// Waits for the job and returns its output, or throws why it has none: the entry point
    /// threw, its worker crashed or was killed, or the pool was shut down.
    public func result() throws -> Output {
        let data = try pool.outcome(of: job).get()
        return try MessageCoding.decode(Output.self, from: data, what: "a job's result", sender: "the pool")
    }
}

/// What a pool worker is busy with.
enum PoolJob: Equatable {
    case initializer
    case job(Int)
}

struct PoolWorker {
    var name: String
    var link: any ChildLink
    var job: PoolJob?
}

/// The pool's books: workers, queued jobs and finished outcomes.
struct PoolState {
    var workers: [PoolWorker] = []
    var queue: [(id: Int, order: WorkOrder)] = []
    var outcomes: [Int: Result<Data, Error>] = [:]
    var nextID = 0
    var shutDown = false
    /// The initializer failed: every job fails with its error.
    var broken: Error?
    /// The submission number (from 1) whose worker the checker crashes, if any.
    let crashJob: Int?

    init(crashJob: Int?) { self.crashJob = crashJob }

    mutating func enqueue(_ order: WorkOrder) -> Int {
        defer { nextID += 1 }
        if let broken {
            outcomes[nextID] = .failure(broken)
            return nextID
        }
        var order = order
        order.crash = nextID + 1 == crashJob
        queue.append((nextID, order))
        return nextID
    }

    /// The next queued job for an idle worker, marked as that worker's.
    mutating func nextAssignment() -> (link: any ChildLink, order: WorkOrder)? {
        guard !queue.isEmpty, let idle = workers.firstIndex(where: { $0.job == nil }) else { return nil }
        let (id, order) = queue.removeFirst()
        workers[idle].job = .job(id)
        return (workers[idle].link, order)
    }

    mutating func failQueued(with error: Error) {
        for (id, _) in queue { outcomes[id] = .failure(error) }
        queue.removeAll()
    }
}
