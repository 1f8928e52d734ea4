import ParLearnKit

/// Guards a settings table that many threads read and a few update, like a read-write lock
/// (`pthread_rwlock_t`; Python's standard library has none). `read` runs `body` alongside other
/// readers; `write` runs `body` alone.
final class ReadWriteLock: Sendable {
    private let room = Lock("room")

    func read<R>(_ body: () -> R) -> R {
        // TODO: one lock for everyone is safe, but a reader now waits for another reader,
        // though reading together harms nobody. Let readers share the room; only a writer
        // needs it to itself.
        room.withLock { body() }
    }

    func write<R>(_ body: () -> R) -> R {
        room.withLock { body() }
    }
}
