/// The pending result of work given to an isolate or a pool, like `concurrent.futures.Future`.
///
/// Under the checker finishing the work and waiting for it are one scheduling point each, and
/// the wait is ordered after everything the work did.
///
/// ```swift
/// let future = isolate.run { 6 * 7 }
/// let answer = try future.value()      // waits; throws the isolate's error
/// ```
public final class Future<T: Sendable>: Blocker, @unchecked Sendable {
    // @unchecked: plain mode guards `outcome` with its monitor; controlled state is used by one
    // running thread at a time.
    private let label: String
    private var outcome: Result<T, IsolateError>?
    private let backing: Backing<PosixMonitor>
    private var clock = VectorClock()
    /// Gets the outcome when nobody delivers it: a process pool's job, whose reply is read by
    /// the process waiting for it (see ``ProcessPool``). Such a future is always a plain one.
    private let resolve: (@Sendable () -> Result<T, IsolateError>)?

    init(label: String) {
        self.label = label
        backing = .current(PosixMonitor.init)
        resolve = nil
    }

    /// A future whose outcome `resolve` waits for, the first time someone asks.
    init(label: String, resolve: @escaping @Sendable () -> Result<T, IsolateError>) {
        self.label = label
        backing = .plain(PosixMonitor())
        self.resolve = resolve
    }

    convenience init(failed error: IsolateError, label: String) {
        self.init(label: label)
        outcome = .failure(error)
    }

    /// Records the outcome and wakes every waiter.
    func complete(_ result: Result<T, IsolateError>) {
        switch backing {
        case .plain(let monitor):
            monitor.withLock { outcome = result }
            monitor.broadcast()
        case .controlled(let execution):
            let me = execution.point("return from \(label)")
            outcome = result
            clock.join(me.clock)
            me.clock.tick(me.id)
            execution.trace(me, "return from \(label)", Self.show(result))
        }
    }

    /// Runs `body` and completes with its value, or with its error described the way an isolate
    /// reports it (`executionFailed`, naming `worker`). `isolated`: the value must be shareable.
    func fulfil(worker: @autoclosure () -> String, isolated: Bool, _ body: () throws -> T) {
        let result: Result<T, IsolateError>
        do {
            let value = try body()
            if isolated { try Shareability.check(value) }
            result = .success(value)
        } catch let error as IsolateError {
            result = .failure(error)
        } catch {
            result = .failure(.executionFailed(isolate: worker(), errorType: String(describing: type(of: error)),
                                               message: String(describing: error)))
        }
        complete(result)
    }

    /// Waits for the work to finish and returns its outcome; asking again returns the same.
    public func result() -> Result<T, IsolateError> {
        switch backing {
        case .plain(let monitor):
            if let resolve, monitor.withLock({ outcome == nil }) {
                // Outside the lock: resolving may wait long, and repeating it is harmless.
                let resolved = resolve()
                monitor.withLock { if outcome == nil { outcome = resolved } }
            }
            return monitor.withLock {
                while outcome == nil { monitor.wait() }
                return outcome!
            }
        case .controlled(let execution):
            let me = execution.point("result of \(label)", waitingFor: self)
            me.clock.join(clock)
            execution.trace(me, "result of \(label)", Self.show(outcome!))
            return outcome!
        }
    }

    /// Waits and returns the value, or throws the error the work ended with.
    public func value() throws(IsolateError) -> T {
        try result().get()
    }

    private static func show(_ result: Result<T, IsolateError>) -> String {
        switch result {
        case .success(let value): "\(value)"
        case .failure(let error): "\(error)"
        }
    }

    func allows(_ thread: ControlledThread) -> Bool { outcome != nil }
    var waitDescription: String { "the result of \(label)" }
    var holder: ControlledThread? { nil }
}
