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
            // Dispatchers and workers share `changed`, so one signal may wake the wrong kind.
            // Wake them all: each re-checks its own condition and the right one goes on.
            changed.broadcast()
        }
    }

    func take() -> Int {
        lock.withLock {
            while job.value == nil {
                changed.wait(lock)
            }
            let taken = job.value!
            job.value = nil
            changed.broadcast()
            return taken
        }
    }
}
