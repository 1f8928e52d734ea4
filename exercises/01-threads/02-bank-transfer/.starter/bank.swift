import ParLearnKit

/// A bank account. Transfers run on many threads at once, and money must never be created,
/// destroyed or overdrawn.
final class Account: Sendable {
    let name: String
    // TODO: several threads read and write this balance at the same time. Protect it, so that
    // only one thread at a time can look at it or change it.
    private let cents: Shared<Int>

    init(_ name: String, balance: Int) {
        self.name = name
        cents = Shared(balance, name)
    }

    var balance: Int {
        cents.value
    }

    /// Takes `amount` out if the balance covers it; returns whether it did.
    func withdraw(_ amount: Int) -> Bool {
        // TODO: the check and the subtraction are separate steps. Another withdrawal can run
        // between them (both see enough money), and `-=` is itself a read and then a write.
        guard cents.value >= amount else { return false }
        cents.value -= amount
        return true
    }

    func deposit(_ amount: Int) {
        // TODO: a read and then a write: a deposit running at the same time can be lost.
        cents.value += amount
    }
}

/// Moves `amount` from one account to another; returns false, moving nothing, if the source
/// does not hold enough.
func transfer(_ amount: Int, from source: Account, to target: Account) -> Bool {
    guard source.withdraw(amount) else { return false }
    target.deposit(amount)
    return true
}
