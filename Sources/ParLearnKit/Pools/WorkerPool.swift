import Synchronization

/// What a ``WorkerPool`` runs its jobs on.
public enum PoolKind: String, Sendable, CaseIterable {
    /// Worker threads sharing the process's state (≈ `ThreadPoolExecutor`).
    case threads
    /// Worker processes, each with its own address space (≈ `ProcessPoolExecutor` with the spawn
    /// start method): jobs are ``EntryPoint``s, arguments and results `Codable`.
    case processes
    /// One ``Isolate`` per worker, each with its own copy of ``IsolateLocal`` state; arguments
    /// and results must be shareable (≈ `InterpreterPoolExecutor`).
    case isolates
}

/// A fixed set of workers that run submitted jobs, one API over several kinds of worker, like
/// `concurrent.futures`: the same `submit`/`map`/`shutdown` code runs on threads, on processes
/// or on isolates, and one argument swaps them.
///
/// ```swift
/// let square = EntryPoint("square") { (n: Int) in n * n }   // top level: processes find it by name
/// let pool = WorkerPool(.processes, workers: 2)     // or .threads, or .isolates
/// let squares = try pool.map(square, [1, 2, 3])  // [1, 4, 9]
/// pool.shutdown()
/// ```
///
/// An ``EntryPoint`` runs on every kind. A ``WorkFunction`` (any `Sendable` closure) runs on
/// threads and isolates only: a closure cannot reach another process, so a pool of processes
/// fails its future with ``IsolateError/notAnEntryPoint(function:)``.
///
/// Jobs wait in one queue and each runs exactly once. ``shutdown()`` closes the queue: the
/// jobs already in it still run, then the workers end and `shutdown` returns; a job submitted
/// later fails with ``IsolateError/closed(_:)``. Under the checker the workers are controlled
/// threads named `thread-1`… or isolates named `isolate-1`…, one column each; worker
/// processes are the process engine's columns `P1`… (in a `processScenario`).
public final class WorkerPool: Sendable {
    /// What the workers are.
    public let kind: PoolKind
    private let workers: Workers

    private enum Workers: Sendable {
        case local(jobs: Channel<Job>, waits: [@Sendable () -> Void], broken: InitializerFailure)
        case processes(ProcessWorkers)
    }

    /// Starts `workers` workers; each runs `initializer` first (for isolates, in its own state).
    /// A pool of processes cannot run a closure of this process: give it an ``EntryPoint`` as
    /// its initializer instead (see ``init(_:workers:initializer:initialInput:)``).
    public convenience init(_ kind: PoolKind, workers count: Int = 2, initializer: (@Sendable () -> Void)? = nil) {
        precondition(kind != .processes || initializer == nil,
                     "a pool of processes cannot run a closure as its initializer: pass an EntryPoint and its input")
        self.init(kind, count: count, initializer: initializer.map { run -> @Sendable () throws -> Void in { run() } }) {
            try ProcessPool(workers: $0)
        }
    }

    /// Starts `workers` workers; each runs `initializer(initialInput)` once before its first job
    /// (≈ `initializer=f, initargs=(x,)`). If it throws, every job fails with its error.
    public convenience init<Input>(_ kind: PoolKind, workers count: Int = 2,
                                   initializer: EntryPoint<Input, NoOutput>, initialInput: Input) {
        self.init(kind, count: count, initializer: { _ = try initializer.body(initialInput) }) {
            try ProcessPool(workers: $0, initializer: initializer, initialInput: initialInput)
        }
    }

    private init(_ kind: PoolKind, count: Int, initializer: (@Sendable () throws -> Void)?,
                 processPool: (Int) throws -> ProcessPool) {
        precondition(count >= 1, "a pool needs at least one worker")
        // Every kind: a worker process takes over here, so swapping the kind never moves that point.
        ChildRole.takeOverIfChild()
        self.kind = kind
        if kind == .processes {
            workers = .processes(ProcessWorkers(Result { try processPool(count) }.mapError(ProcessWorkers.wrap)))
            return
        }
        let jobs = Channel<Job>(capacity: Int.max, "the pool", verbs: ("submit to %", "take from %"),
                                kind: "pool queue")
        let broken = InitializerFailure()
        let loop: @Sendable () -> Void = {
            do {
                try initializer?()
            } catch {
                let failure = IsolateError.executionFailed(
                    isolate: IsolateContext.current?.name ?? "a pool thread",
                    errorType: String(describing: type(of: error)), message: String(describing: error))
                broken.record(failure)
            }
            while let job = jobs.receive() { job.body() }
        }
        let waits = (1...count).map { i -> @Sendable () -> Void in
            guard kind == .isolates else {
                let handle = spawn("thread-\(i)", loop)
                return { handle.join() }
            }
            let isolate = Isolate("isolate-\(i)")
            let running = isolate.run(loop)
            return {
                _ = running.result()
                isolate.close()
            }
        }
        workers = .local(jobs: jobs, waits: waits, broken: broken)
    }

    /// Queues `entry(input)` and returns its future at once; runs on every kind of pool.
    public func submit<Input, Output>(_ entry: EntryPoint<Input, Output>, _ input: Input) -> Future<Output> {
        if case .processes(let processes) = workers { return processes.submit(entry, input) }
        return submit(WorkFunction(entry.name, entry.body), input)
    }

    /// Queues `function(argument)` and returns its future at once. A pool of processes refuses
    /// it (``IsolateError/notAnEntryPoint(function:)``): use an ``EntryPoint`` there.
    public func submit<Argument: Sendable, T: Sendable>(_ function: WorkFunction<Argument, T>,
                                                        _ argument: Argument) -> Future<T> {
        guard case .local(let jobs, _, let broken) = workers else {
            return Future(failed: .notAnEntryPoint(function: function.name), label: function.name)
        }
        let isolated = kind == .isolates
        if isolated {
            do {
                try Shareability.check(argument)
            } catch {
                return Future(failed: error, label: function.name)
            }
        }
        let future = Future<T>(label: function.name)
        let job = Job(label: "\(function.name)(\(argument))") {
            if let failure = broken.error { return future.complete(.failure(failure)) }
            future.fulfil(worker: IsolateContext.current?.name ?? "a pool thread", isolated: isolated) {
                try function.body(argument)
            }
        }
        do {
            try jobs.send(job)
        } catch {
            future.complete(.failure(.closed("the pool")))
        }
        return future
    }

    /// Runs `entry` on every input and returns the results in order; throws the first error in
    /// that order (≈ `Executor.map`). Runs on every kind of pool.
    public func map<Input, Output>(_ entry: EntryPoint<Input, Output>, _ inputs: [Input]) throws(IsolateError)
        -> [Output] {
        try Self.values(of: inputs.map { submit(entry, $0) })
    }

    /// Runs `function` on every argument and returns the results in order; throws the first
    /// error in that order (≈ `Executor.map`).
    public func map<Argument: Sendable, T: Sendable>(_ function: WorkFunction<Argument, T>,
                                                     _ arguments: [Argument]) throws(IsolateError) -> [T] {
        try Self.values(of: arguments.map { submit(function, $0) })
    }

    private static func values<T>(of futures: [Future<T>]) throws(IsolateError) -> [T] {
        var results: [T] = []
        for future in futures { results.append(try future.value()) }
        return results
    }

    /// Closes the queue, lets every queued job run, and waits for the workers to end.
    public func shutdown() {
        switch workers {
        case .local(let jobs, let waits, _):
            jobs.close()
            for wait in waits { wait() }
        case .processes(let processes):
            processes.shutdown()
        }
    }
}

/// The first error an initializer of a pool's threads or isolates threw: every job fails with it,
/// as a pool of processes does (bookkeeping, not a scheduling point).
private final class InitializerFailure: Sendable {
    private let first = Synchronization.Mutex<IsolateError?>(nil)
    var error: IsolateError? { first.withLock { $0 } }
    func record(_ error: IsolateError) { first.withLock { $0 = $0 ?? error } }
}

/// A ``WorkerPool``'s worker processes: a ``ProcessPool`` behind the pool's own contract
/// (queued jobs run before shutdown ends; errors as ``IsolateError``).
private final class ProcessWorkers: Sendable {
    private let pool: Result<ProcessPool, IsolateError>
    /// Closed, and a wait for each job not yet known to be finished.
    private let state = Synchronization.Mutex<(closed: Bool, pending: [@Sendable () -> Void])>((false, []))

    init(_ pool: Result<ProcessPool, IsolateError>) {
        self.pool = pool
    }

    func submit<Input, Output>(_ entry: EntryPoint<Input, Output>, _ input: Input) -> Future<Output> {
        state.withLock { state in
            guard !state.closed else { return Future(failed: .closed("the pool"), label: entry.name) }
            let job: ProcessFuture<Output>
            do {
                job = try pool.get().submit(entry, input)
            } catch {
                return Future(failed: Self.wrap(error), label: entry.name)
            }
            state.pending.append { _ = try? job.result() }
            return Future(label: entry.name) { Result { try job.result() }.mapError(Self.wrap) }
        }
    }

    func shutdown() {
        let pending = state.withLock { state in
            state.closed = true
            defer { state.pending.removeAll() }
            return state.pending
        }
        for wait in pending { wait() }
        if case .success(let pool) = pool { pool.shutdown() }
    }

    /// A process pool's error as the pool API reports it.
    static func wrap(_ error: any Error) -> IsolateError {
        switch error {
        case let error as IsolateError: error
        case ProcessError.poolShutDown: .closed("the pool")
        case let error as ProcessError: .process(error)
        default: .executionFailed(isolate: "the pool", errorType: String(describing: type(of: error)),
                                  message: String(describing: error))
        }
    }
}
