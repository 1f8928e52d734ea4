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
    /// The balance and the entries change together, so one lock guards both: no thread can see
    /// one updated and the other not.
    private let ledger: Mutex<(balance: Int, entries: [Int])>

    init(_ name: String, balance: Int) {
        opening = balance
        ledger = Mutex((balance, []), name)
    }

    /// Adds `amount` (negative for a payment) unless that would overdraw the account; returns
    /// whether it did.
    func post(_ amount: Int) -> Bool {
        ledger.withLock { ledger in
            guard ledger.balance + amount >= 0 else { return false }
            ledger.balance += amount
            ledger.entries.append(amount)
            return true
        }
    }

    func statement() -> Statement {
        ledger.withLock { Statement(balance: $0.balance, entries: $0.entries) }
    }
}
