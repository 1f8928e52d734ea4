import ParLearnKit

/// A one-shot signal between threads, like Python's `threading.Event`: `wait()` returns once
/// `set()` has been called, whether `set()` ran before the wait began or while it sleeps.
final class Event: Sendable {
    private let lock = Lock("event")
    private let changed = Condition("changed")
    private let isSet = Shared(false, "isSet")   // guarded by `lock`

    func set() {
        lock.withLock {
            // The flag outlives the signal: a waiter that comes later sees it and never sleeps.
            isSet.value = true
            changed.broadcast()   // every waiter, not just one
        }
    }

    func wait() {
        lock.withLock {
            // Checked under the lock, so `set()` cannot slip in between the test and the sleep.
            while !isSet.value {
                changed.wait(lock)
            }
        }
    }
}
