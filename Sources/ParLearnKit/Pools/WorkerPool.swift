/// What a ``WorkerPool`` runs its jobs on.
public enum PoolKind: String, Sendable, CaseIterable {
    /// Worker threads sharing the process's state (≈ `ThreadPoolExecutor`).
    case threads
    /// One ``Isolate`` per worker, each with its own copy of ``IsolateLocal`` state; arguments
    /// and results must be shareable (≈ `InterpreterPoolExecutor`).
    case isolates
}

/// A fixed set of workers that run submitted jobs, one API over several kinds of worker, like
/// `concurrent.futures`: the same `submit`/`map`/`shutdown` code runs on threads or on
/// isolates, and one argument swaps them.
///
/// ```swift
/// let square = WorkFunction("square") { (n: Int) in n * n }
/// let pool = WorkerPool(.isolates, workers: 2)     // or .threads
/// let squares = try pool.map(square, [1, 2, 3])  // [1, 4, 9]
/// pool.shutdown()
/// ```
///
/// Jobs wait in one queue and each runs exactly once. ``shutdown()`` closes the queue: the
/// jobs already in it still run, then the workers end and `shutdown` returns; a job submitted
/// later fails with ``IsolateError/closed(_:)``. Under the checker the workers are controlled
/// threads named `thread-1`… or isolates named `isolate-1`…, one column each.
public final class WorkerPool: Sendable {
    /// What the workers are.
    public let kind: PoolKind
    private let jobs: Channel<Job>
    private let workers: [@Sendable () -> Void]

    /// Starts `workers` workers; each runs `initializer` first (for isolates, in its own state).
    public init(_ kind: PoolKind, workers count: Int = 2, initializer: (@Sendable () -> Void)? = nil) {
        precondition(count >= 1, "a pool needs at least one worker")
        self.kind = kind
        let jobs = Channel<Job>(capacity: Int.max, "the pool", verbs: ("submit to %", "take from %"),
                                kind: "pool queue")
        self.jobs = jobs
        let loop: @Sendable () -> Void = {
            initializer?()
            while let job = jobs.receive() { job.body() }
        }
        workers = (1...count).map { i in
            switch kind {
            case .threads:
                let handle = spawn("thread-\(i)", loop)
                return { handle.join() }
            case .isolates:
                let isolate = Isolate("isolate-\(i)")
                let running = isolate.run(loop)
                return {
                    _ = running.result()
                    isolate.close()
                }
            }
        }
    }

    /// Queues `function(argument)` and returns its future at once.
    public func submit<Argument: Sendable, T: Sendable>(_ function: WorkFunction<Argument, T>,
                                                        _ argument: Argument) -> Future<T> {
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

    /// Runs `function` on every argument and returns the results in order; throws the first
    /// error in that order (≈ `Executor.map`).
    public func map<Argument: Sendable, T: Sendable>(_ function: WorkFunction<Argument, T>,
                                                     _ arguments: [Argument]) throws(IsolateError) -> [T] {
        let futures = arguments.map { submit(function, $0) }
        var results: [T] = []
        for future in futures { results.append(try future.value()) }
        return results
    }

    /// Closes the queue, lets every queued job run, and waits for the workers to end.
    public func shutdown() {
        jobs.close()
        for wait in workers { wait() }
    }
}
