import ParLearnKit

/// Hands out ticket numbers at a bakery counter: 1, 2, 3, ... Every customer must get a number
/// nobody else has. Customers arrive on many threads at once.
final class TicketDispenser: Sendable {
    // TODO: a `Shared` value is an ordinary variable: two threads taking a ticket at the same
    // time can both read the same number. Protect it (a `Mutex`, or an `Atomic`).
    private let last = Shared(0, "last ticket")

    /// Takes the next ticket and returns its number.
    func take() -> Int {
        // TODO: these are three separate steps (read, write, read again); another thread can
        // run between any two of them. Make "add one and tell me the new number" one step.
        last.value += 1
        return last.value
    }

    /// How many tickets have been handed out.
    var issued: Int {
        last.value
    }
}
