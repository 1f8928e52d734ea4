import ParLearnKit

/// Guards a settings table that many threads read and a few update: `read` runs `body`
/// alongside other readers; `write` runs `body` alone.
final class ReadWriteLock: Sendable {
    // A lightswitch: the first reader in takes the room for all readers, the last one out
    // gives it back.
    private let counter = Lock("readers")
    private let readers = Shared(0, "readers")   // guarded by `counter`
    private let roomEmpty = Semaphore(value: 1, "roomEmpty")

    func read<R>(_ body: () -> R) -> R {
        // TODO: a reader walks in whenever another reader is inside, even while a writer is
        // waiting for the room. Readers who keep overlapping keep the writer out for good.
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
        // TODO: a waiting writer should stop new readers from coming in, so that the room
        // empties and the writer gets its turn.
        roomEmpty.wait()
        defer { roomEmpty.signal() }
        return body()
    }
}
