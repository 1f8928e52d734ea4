import ParLearnKit

/// A bank account. Transfers run on many threads at once, and money must never be created,
/// destroyed or overdrawn.
final class Account: Sendable {
    let name: String
    // The mutex owns the balance: there is no way to touch it without holding the lock.
    private let cents: Mutex<Int>

    init(_ name: String, balance: Int) {
        self.name = name
        cents = Mutex(balance, name)
    }

    var balance: Int {
        cents.withLock { $0 }
    }

    /// Takes `amount` out if the balance covers it; returns whether it did.
    func withdraw(_ amount: Int) -> Bool {
        // The check and the subtraction in one critical section: nobody can spend the same
        // money between them.
        cents.withLock { balance in
            guard balance >= amount else { return false }
            balance -= amount
            return true
        }
    }

    func deposit(_ amount: Int) {
        cents.withLock { $0 += amount }
    }
}

/// Moves `amount` from one account to another; returns false, moving nothing, if the source
/// does not hold enough.
func transfer(_ amount: Int, from source: Account, to target: Account) -> Bool {
    // One lock at a time, never both: no lock order to get wrong. The money is briefly in
    // flight between the two steps, which the totals checked after the threads end allow.
    guard source.withdraw(amount) else { return false }
    target.deposit(amount)
    return true
}
