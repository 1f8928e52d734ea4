import ParLearnKit

/// Hands out ticket numbers at a bakery counter: 1, 2, 3, ... Every customer must get a number
/// nobody else has. Customers arrive on many threads at once.
final class TicketDispenser: Sendable {
    // One number, changed by one read-modify-write: an atomic is enough. (A `Mutex(0, "last")`
    // with `last.withLock { $0 += 1; return $0 }` is just as correct.)
    private let last = Atomic(0, "last ticket")

    /// Takes the next ticket and returns its number.
    func take() -> Int {
        // The add and the new value come from the same indivisible step.
        last.wrappingAdd(1, ordering: .relaxed).newValue
    }

    /// How many tickets have been handed out.
    var issued: Int {
        last.load(ordering: .relaxed)
    }
}
