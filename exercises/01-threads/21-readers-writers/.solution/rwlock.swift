import ParLearnKit

/// Guards a settings table that many threads read and a few update, like a read-write lock
/// (`pthread_rwlock_t`; Python's standard library has none). `read` runs `body` alongside other
/// readers; `write` runs `body` alone.
final class ReadWriteLock: Sendable {
    // A lightswitch (The Little Book of Semaphores, 4.2): the first reader in takes the room
    // for all readers, the last one out gives it back.
    private let counter = Lock("readers")
    private let readers = Shared(0, "readers")   // guarded by `counter`
    private let roomEmpty = Semaphore(value: 1, "roomEmpty")

    func read<R>(_ body: () -> R) -> R {
        counter.withLock {
            readers.value += 1
            if readers.value == 1 { roomEmpty.wait() }
        }
        defer {
            counter.withLock {
                readers.value -= 1
                if readers.value == 0 { roomEmpty.signal() }
            }
        }
        return body()
    }

    func write<R>(_ body: () -> R) -> R {
        roomEmpty.wait()
        defer { roomEmpty.signal() }
        return body()
    }
}
