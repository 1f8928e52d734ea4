import ParLearnKit

/// Guards a settings table that many threads read and a few update: `read` runs `body`
/// alongside other readers; `write` runs `body` alone.
final class ReadWriteLock: Sendable {
    // A lightswitch: the first reader in takes the room for all readers, the last one out
    // gives it back.
    private let counter = Lock("readers")
    private let readers = Shared(0, "readers")   // guarded by `counter`
    private let roomEmpty = Semaphore(value: 1, "roomEmpty")
    // A turnstile (The Little Book of Semaphores, 4.2.5): readers pass through it on the way
    // in; a waiting writer holds it, so readers arriving after the writer queue behind it.
    private let turnstile = Lock("turnstile")

    func read<R>(_ body: () -> R) -> R {
        turnstile.withLock {}
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
        turnstile.lock()
        roomEmpty.wait()
        // The room is the writer's now: let readers queue at the room again.
        turnstile.unlock()
        defer { roomEmpty.signal() }
        return body()
    }
}
