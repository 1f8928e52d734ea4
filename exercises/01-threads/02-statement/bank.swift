import ParLearnKit

/// What a statement shows: the balance, and every amount posted since the account opened.
struct Statement: Sendable, Equatable {
    let balance: Int
    let entries: [Int]
}

/// A bank account with a history. Payments are posted from many threads at once, and
/// statements are printed while they run: a statement's balance must always be the opening
/// balance plus its entries.
final class Account: Sendable {
    let opening: Int
    // TODO: each value has a lock of its own, so neither is ever torn. But they must change
    // together: between the two `withLock`s in `post`, and between the two in `statement`,
    // another thread can run, and a statement then shows a balance its entries don't explain.
    private let cents: Mutex<Int>
    private let entries: Mutex<[Int]>

    init(_ name: String, balance: Int) {
        opening = balance
        cents = Mutex(balance, "\(name).balance")
        entries = Mutex([], "\(name).entries")
    }

    /// Adds `amount` (negative for a payment) unless that would overdraw the account; returns
    /// whether it did.
    func post(_ amount: Int) -> Bool {
        let applied = cents.withLock { balance in
            guard balance + amount >= 0 else { return false }
            balance += amount
            return true
        }
        if applied {
            entries.withLock { $0.append(amount) }
        }
        return applied
    }

    func statement() -> Statement {
        Statement(balance: cents.withLock { $0 }, entries: entries.withLock { $0 })
    }
}
