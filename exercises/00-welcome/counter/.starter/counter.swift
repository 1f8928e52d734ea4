import ParLearnKit

/// Counts page hits. Many threads call `increment()` at the same time.
final class HitCounter: Sendable {
    // TODO: a `Shared` value is an ordinary variable: two threads updating it at once can lose
    // an update. Protect the count.
    private let count = Shared(0, "count")

    func increment() {
        // TODO: this reads `count`, then writes it back; another thread may run in between.
        count.value += 1
    }

    var value: Int {
        count.value
    }
}
