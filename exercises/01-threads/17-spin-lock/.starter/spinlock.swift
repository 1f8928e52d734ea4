import ParLearnKit

/// A lock that never sleeps: a thread that finds it taken keeps trying until it is free.
/// Kernels and allocators use spin locks around a few instructions, where putting a thread to
/// sleep and waking it would cost more than the wait.
final class SpinLock: Sendable {
    private let held = Atomic(false, "held")

    func lock() {
        // TODO: waiting until the lock looks free and then taking it are two steps. Two
        // threads can both see it free, and both take it.
        while held.load(ordering: .relaxed) {
            yieldNow()
        }
        held.store(true, ordering: .relaxed)
    }

    func unlock() {
        held.store(false, ordering: .releasing)
    }

    func withLock<R>(_ body: () -> R) -> R {
        lock()
        defer { unlock() }
        return body()
    }
}
