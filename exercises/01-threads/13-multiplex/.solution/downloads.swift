import ParLearnKit

/// Limits how many downloads run at once, like a connection pool or Python's
/// `BoundedSemaphore`: `withSlot` runs `body` once fewer than `limit` bodies are running.
final class DownloadSlots: Sendable {
    let limit: Int
    // A multiplex: one unit per free slot. `wait()` looks for a unit and takes it in one step.
    private let free: Semaphore

    init(limit: Int) {
        self.limit = limit
        free = Semaphore(value: limit, "freeSlots")
    }

    func withSlot<R>(_ body: () -> R) -> R {
        free.wait()
        defer { free.signal() }
        return body()
    }
}
