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

/// Moves `amount` from `source` to `target` while holding both accounts' locks, so nobody
/// (an auditor adding up the balances, say) ever sees the money in flight.
func transfer(_ amount: Int, from source: Account, to target: Account) {
    // TODO: this takes the locks in the direction the money flows. Two transfers in opposite
    // directions (or three in a ring) can each hold one lock and wait forever for the next.
    // Take the two locks in the bank's order instead, whichever way the money goes, and keep
    // holding both while the balances change.
    source.lock.withLock {
        target.lock.withLock {
            source.balance.value -= amount
            target.balance.value += amount
        }
    }
}
