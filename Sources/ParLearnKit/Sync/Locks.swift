/// What `Lock` and `RecursiveLock` share: `lock()`/`unlock()`/`tryLock()`/`withLock`.
public class LockPrimitive: @unchecked Sendable {
    // @unchecked: the backend is a pthread mutex or a controlled lock, each safe on its terms.
    let backend: LockBackend
    public let name: String

    init(name: String, recursive: Bool) {
        self.name = name
        backend = LockBackend(name: name, recursive: recursive)
    }

    public func lock() { backend.lock() }
    public func unlock() { backend.unlock() }
    /// Takes the lock if it is free (or, for a recursive lock, held by the caller); never waits.
    public func tryLock() -> Bool { backend.tryLock() }

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
    public init(_ name: String) { super.init(name: name, recursive: false) }
}

/// A lock the thread that holds it may take again, like `NSRecursiveLock`.
public final class RecursiveLock: LockPrimitive, @unchecked Sendable {
    public init(_ name: String) { super.init(name: name, recursive: true) }
}

/// A mutex that owns the state it protects, shaped like `Synchronization.Mutex`.
///
/// ```swift
/// let balance = Mutex(100, "balance")
/// balance.withLock { $0 -= 60 }
/// ```
public final class Mutex<State>: @unchecked Sendable {
    // @unchecked: `state` is only touched while the lock is held.
    private let backend: LockBackend
    private var state: State
    public let name: String

    public init(_ initial: State, _ name: String = "mutex") {
        state = initial
        self.name = name
        backend = LockBackend(name: name, recursive: false)
    }

    public func withLock<R>(_ body: (inout State) throws -> R) rethrows -> R {
        backend.lock()
        defer { backend.unlock() }
        return try body(&state)
    }

    /// Runs `body` if the lock is free right now; nil otherwise.
    public func withLockIfAvailable<R>(_ body: (inout State) throws -> R) rethrows -> R? {
        guard backend.tryLock() else { return nil }
        defer { backend.unlock() }
        return try body(&state)
    }
}
