/// A happens-before clock: entry t counts the synchronisation releases thread t made.
/// Threads, locks, semaphores, channels and atomics each carry one; an access by thread u is
/// ordered after an earlier access by t at epoch c exactly when `u.clock[t] >= c`.
struct VectorClock: Equatable {
    private(set) var entries: [UInt32] = []

    subscript(thread: Int) -> UInt32 {
        thread < entries.count ? entries[thread] : 0
    }

    /// Starts a new epoch of `thread` (after a release).
    mutating func tick(_ thread: Int) {
        grow(to: thread + 1)
        entries[thread] &+= 1
    }

    /// Takes everything `other` has seen (an acquire).
    mutating func join(_ other: VectorClock) {
        grow(to: other.entries.count)
        for i in other.entries.indices where other.entries[i] > entries[i] {
            entries[i] = other.entries[i]
        }
    }

    private mutating func grow(to count: Int) {
        if entries.count < count { entries += repeatElement(0, count: count - entries.count) }
    }
}
