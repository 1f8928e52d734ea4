import ParLearnKit

/// A reusable barrier for `parties` threads, like Python's `threading.Barrier`:
/// `arriveAndWait()` returns once all parties have arrived, and then the barrier is ready for
/// the next round.
final class Barrier: Sendable {
    let parties: Int
    private let mutex = Lock("barrier")
    private let count = Shared(0, "count")   // guarded by `mutex`
    private let gate = Semaphore(value: 0, "gate")

    init(parties: Int) {
        self.parties = parties
    }

    func arriveAndWait() {
        let last = mutex.withLock { () -> Bool in
            count.value += 1
            guard count.value == parties else { return false }
            count.value = 0   // ready for the next round
            return true
        }
        if last {
            // TODO: the last to arrive opens the gate for the others and runs on into the next
            // round. If it reaches the barrier again before they have all left, its `wait()`
            // can take a pass meant for a thread still leaving this round.
            for _ in 1..<parties { gate.signal() }
        } else {
            gate.wait()
        }
    }
}
