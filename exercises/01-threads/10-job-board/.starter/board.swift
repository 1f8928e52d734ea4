import ParLearnKit

/// A notice board with room for one job. Dispatchers `post` a job once the board is empty;
/// workers `take` the job on it. Both kinds of thread wait on the one condition `changed`.
final class JobBoard: Sendable {
    private let lock = Lock("board")
    private let changed = Condition("changed")
    private let job = Shared<Int?>(nil, "job")   // guarded by `lock`

    func post(_ newJob: Int) {
        lock.withLock {
            while job.value != nil {
                changed.wait(lock)
            }
            job.value = newJob
            // TODO: this wakes one waiter, and it may be another dispatcher, who finds the
            // board full and goes back to sleep, while the workers sleep on.
            changed.signal()
        }
    }

    func take() -> Int {
        lock.withLock {
            while job.value == nil {
                changed.wait(lock)
            }
            let taken = job.value!
            job.value = nil
            // TODO: the same here: the one waiter woken may be a worker, not a dispatcher.
            changed.signal()
            return taken
        }
    }
}
