/// What `Lock` and `RecursiveLock` share: `lock()`/`unlock()`/`tryLock()`/`withLock`.
public class LockPrimitive: @unchecked Sendable {
    // @unchecked: the backend is a pthread mutex or a controlled lock, each safe on its terms.
    let backend: LockBackend
    /// The name traces and reports use.
    public let name: String

    init(name: String, recursive: Bool) {
        self.name = name
        backend = LockBackend(name: name, recursive: recursive)
        if case .controlled(let core) = backend {
            let kind = recursive ? "RecursiveLock" : "Lock"
            core.execution.watch { [weak core] _ in core?.state(kind: kind) }
        }
    }

    /// Takes the lock, waiting while another thread holds it.
    public func lock() { backend.lock() }
    /// Releases the lock; the caller must hold it.
    public func unlock() { backend.unlock() }
    /// Takes the lock if it is free (or, for a recursive lock, held by the caller); never waits.
    public func tryLock() -> Bool { backend.tryLock() }

    /// Runs `body` holding the lock, and releases it however `body` ends.
    public func withLock<R>(_ body: () throws -> R) rethrows -> R {
        lock()
        defer { unlock() }
        return try body()
    }
}

/// A plain lock with `lock()`/`unlock()`, like `NSLock`; the shape lock-order lessons need.
///
/// Under the checker `lock` blocks until the lock is free, and taking locks in different
/// orders on different threads is reported as a potential deadlock even when this schedule
/// did not deadlock.
public final class Lock: LockPrimitive, @unchecked Sendable {
    /// A free lock named `name` in traces and deadlock reports.
    public init(_ name: String) { super.init(name: name, recursive: false) }
}

/// A lock the thread that holds it may take again, like `NSRecursiveLock`.
public final class RecursiveLock: LockPrimitive, @unchecked Sendable {
    /// A free recursive lock named `name` in traces and deadlock reports.
    public init(_ name: String) { super.init(name: name, recursive: true) }
}

/// A mutex that owns the state it protects, shaped like `Synchronization.Mutex`.
///
/// ```swift
/// let balance = Mutex(100, "balance")
/// balance.withLock { $0 -= 60 }
/// ```
public final class Mutex<State>: @unchecked Sendable {
    // @unchecked: `state` is only touched while the lock is held (and by step mode's snapshot,
    // taken while every controlled thread is parked).
    private let backend: LockBackend
    /// Behind a pointer so step mode can show the state while a parked thread is inside
    /// `withLock`: reading a stored property then would trip Swift's exclusivity check.
    private let state: UnsafeMutablePointer<State>
    /// The name traces and reports use.
    public let name: String

    /// A mutex protecting `initial`, named `name` in traces.
    public init(_ initial: State, _ name: String = "mutex") {
        state = .allocate(capacity: 1)
        state.initialize(to: initial)
        self.name = name
        backend = LockBackend(name: name, recursive: false)
        if case .controlled(let core) = backend {
            // Read while no controlled thread runs: the state is not being mutated.
            core.execution.watch { [weak self, weak core] _ in
                guard let self, let core else { return nil }
                return core.state(kind: "Mutex", value: "\(self.state.pointee)")
            }
        }
    }

    deinit {
        state.deinitialize(count: 1)
        state.deallocate()
    }

    /// Runs `body` with the lock held and the state to read or change, as
    /// `Synchronization.Mutex.withLock` does. The state is `sending`: a value from outside can
    /// enter it only if nothing outside can still reach that value, and what `body` returns must
    /// not be reachable from the state, so no data escapes the lock.
    public func withLock<R, E: Error>(_ body: (inout sending State) throws(E) -> sending R) throws(E) -> sending R {
        backend.lock()
        defer { backend.unlock() }
        return try body(&state.pointee)
    }

    /// Runs `body` if the lock is free right now; nil otherwise.
    public func withLockIfAvailable<R, E: Error>(
        _ body: (inout sending State) throws(E) -> sending R
    ) throws(E) -> sending R? {
        guard backend.tryLock() else { return nil }
        defer { backend.unlock() }
        return try body(&state.pointee)
    }
}
