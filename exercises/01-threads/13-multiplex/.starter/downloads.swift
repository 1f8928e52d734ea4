import ParLearnKit

/// Limits how many downloads run at once, like a connection pool or Python's
/// `BoundedSemaphore`: `withSlot` runs `body` once fewer than `limit` bodies are running.
final class DownloadSlots: Sendable {
    let limit: Int
    private let active = Atomic(0, "active")

    init(limit: Int) {
        self.limit = limit
    }

    func withSlot<R>(_ body: () -> R) -> R {
        // TODO: looking for a free slot and taking it are two separate steps. Two threads can
        // both see one slot free, and both take it.
        while active.load() >= limit {
            yieldNow()
        }
        active.wrappingAdd(1)
        defer { active.wrappingSubtract(1) }
        return body()
    }
}
