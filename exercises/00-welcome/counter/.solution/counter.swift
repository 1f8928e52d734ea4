import ParLearnKit

/// Counts page hits. Many threads call `increment()` at the same time.
final class HitCounter: Sendable {
    // The mutex owns the count, so the count cannot be touched without holding the lock.
    private let count = Mutex(0, "count")

    func increment() {
        count.withLock { $0 += 1 }
    }

    var value: Int {
        count.withLock { $0 }
    }
}
