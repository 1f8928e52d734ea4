import ParLearnKit

/// A bank account. `balance` may only be read or changed while holding `lock`.
final class Account: Sendable {
    /// Unique per account. The bank's lock order: whoever needs several accounts locks them
    /// in ascending `id` (the auditor in the check does this too).
    let id: Int
    let lock: Lock
    let balance: Shared<Int>   // guarded by `lock`

    init(id: Int, _ name: String, balance: Int) {
        self.id = id
        lock = Lock(name)
        self.balance = Shared(balance, name)
    }
}

/// Pays `amount` from `payer` to every entry of `payees` (an account listed twice is paid
/// twice), all or nothing: if the payer cannot cover the whole payout, nothing moves and the
/// result is false. Holds every lock involved while the balances change, so nobody (an
/// auditor, say) ever sees a payout half done.
func payout(_ amount: Int, from payer: Account, to payees: [Account]) -> Bool {
    // TODO: the payer first, then the payees in list order. Two payouts in opposite directions
    // can each hold a lock the other is waiting for, and a list that names an account twice
    // (or names the payer) makes this thread wait for a lock it already holds.
    let accounts = [payer] + payees
    for account in accounts { account.lock.lock() }
    defer { for account in accounts.reversed() { account.lock.unlock() } }
    guard payer.balance.value >= amount * payees.count else { return false }
    for payee in payees {
        payer.balance.value -= amount
        payee.balance.value += amount
    }
    return true
}
