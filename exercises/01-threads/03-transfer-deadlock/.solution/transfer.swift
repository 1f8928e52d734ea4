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
    // To itself: nothing moves, and taking the same `Lock` twice would wait forever.
    guard source !== target else { return }
    // Lower id first, whatever the direction: every thread climbs the same ladder, so no
    // cycle of threads each holding a lock the next one wants can form.
    let (first, second) = source.id < target.id ? (source, target) : (target, source)
    first.lock.withLock {
        second.lock.withLock {
            source.balance.value -= amount
            target.balance.value += amount
        }
    }
}
