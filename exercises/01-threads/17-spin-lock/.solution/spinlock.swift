import ParLearnKit

/// A lock that never sleeps: a thread that finds it taken keeps trying until it is free.
/// Kernels and allocators use spin locks around a few instructions, where putting a thread to
/// sleep and waking it would cost more than the wait.
final class SpinLock: Sendable {
    private let held = Atomic(false, "held")

    func lock() {
        // Test and set in one atomic step: `exchange` returns the old value, so exactly one
        // thread turns false into true. The inner loop only reads while the lock is taken
        // (test-and-test-and-set), and `yieldNow()` lets the holder run meanwhile.
        while held.exchange(true, ordering: .acquiring) {
            while held.load(ordering: .relaxed) {
                yieldNow()
            }
        }
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
