import ParLearnKit

/// A one-shot signal between threads, like Python's `threading.Event`: `wait()` returns once
/// `set()` has been called, whether `set()` ran before the wait began or while it sleeps.
final class Event: Sendable {
    private let lock = Lock("event")
    private let changed = Condition("changed")

    func set() {
        lock.withLock {
            // TODO: a signal with nobody waiting is simply lost. Remember that the event
            // happened, so that a later `wait()` can see it.
            changed.signal()
        }
    }

    func wait() {
        lock.withLock {
            // TODO: this sleeps even when `set()` has already run, and then nobody will ever
            // signal again.
            changed.wait(lock)
        }
    }
}
