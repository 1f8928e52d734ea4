import ParLearnKit

/// A reusable barrier for `parties` threads, like Python's `threading.Barrier`:
/// `arriveAndWait()` returns once all parties have arrived, and then the barrier is ready for
/// the next round.
final class Barrier: Sendable {
    let parties: Int
    private let mutex = Lock("barrier")
    private let count = Shared(0, "count")   // guarded by `mutex`
    // Two turnstiles (The Little Book of Semaphores, 3.7): nobody gets through the second
    // until everyone is through the first, so nobody can lap the others.
    private let arrived = Semaphore(value: 0, "arrived")
    private let left = Semaphore(value: 0, "left")

    init(parties: Int) {
        self.parties = parties
    }

    func arriveAndWait() {
        // Phase 1: the last to arrive lets all parties (itself too) through `arrived`.
        mutex.withLock {
            count.value += 1
            if count.value == parties {
                for _ in 0..<parties { arrived.signal() }
            }
        }
        arrived.wait()
        // Phase 2: the last to get through phase 1 lets everyone through `left`; until then,
        // a fast thread waits here instead of running into the next round.
        mutex.withLock {
            count.value -= 1
            if count.value == 0 {
                for _ in 0..<parties { left.signal() }
            }
        }
        left.wait()
    }
}
