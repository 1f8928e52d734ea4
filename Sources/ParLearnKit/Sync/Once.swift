/// Runs a closure exactly once however many threads call ``run(_:)``, like `pthread_once`.
/// Callers that arrive while it runs wait for it to finish.
public final class Once: @unchecked Sendable {
    // @unchecked: `done` is only touched while `lock` is held.
    private let lock: Lock
    private var done = false

    /// A once that has not run yet, named `name` in traces.
    public init(_ name: String = "once") {
        lock = Lock(name)
    }

    /// Runs `body` if no call has yet; otherwise waits for the first call to finish.
    public func run(_ body: () -> Void) {
        lock.withLock {
            guard !done else { return }
            body()
            done = true
        }
    }
}

/// A value made on first use, once, by whichever thread gets there first; like a `lazy var`
/// that is safe to share between threads.
public final class Lazy<Value: Sendable>: @unchecked Sendable {
    // @unchecked: `stored` is written once inside `once` and only read after it.
    private let once: Once
    private let make: @Sendable () -> Value
    private var stored: Value?

    /// A lazy value that `make` builds on first use.
    public init(_ name: String = "lazy", _ make: @escaping @Sendable () -> Value) {
        once = Once(name)
        self.make = make
    }

    /// The value, made by the first caller; later callers get the same one.
    public var value: Value {
        once.run { stored = make() }
        return stored!
    }
}
