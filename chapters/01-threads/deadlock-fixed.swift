// The fixed twin of deadlock-racy.swift: every transfer takes the two
// locks in one global order (lower account id first).
import ParLearnKit

final class Account: Sendable {
    let id: Int
    let balance: Mutex<Int>
    init(id: Int, _ name: String, balance: Int) {
        self.id = id
        self.balance = Mutex(balance, name)
    }
}

// [order]
/// Locks both accounts, lower id first whatever the direction, then
/// passes their balances to `body` as (from, to).
func withBalances(_ from: Account, _ to: Account,
                  _ body: (inout Int, inout Int) -> Void) {
    if from.id < to.id {
        from.balance.withLock { f in
            to.balance.withLock { t in body(&f, &t) }
        }
    } else {
        to.balance.withLock { t in
            from.balance.withLock { f in body(&f, &t) }
        }
    }
}

func transfer(_ amount: Int, from: Account, to: Account) {
    // To itself: nothing moves, and locking the same account twice
    // would wait forever for a lock this thread already holds.
    guard from !== to else { return }
    withBalances(from, to) { source, target in
        source -= amount
        target += amount
    }
}
// [/order]

scenario("opposite transfers") {
    let alice = Account(id: 1, "alice", balance: 100)
    let bob = Account(id: 2, "bob", balance: 100)
    let t1 = spawn("T1") { transfer(30, from: alice, to: bob) }
    let t2 = spawn("T2") { transfer(50, from: bob, to: alice) }
    t1.join()
    t2.join()
    let total = alice.balance.withLock { $0 } + bob.balance.withLock { $0 }
    check(total == 200, "the bank holds \(total), expected 200")
}

scenario("a transfer to the same account") {
    let alice = Account(id: 1, "alice", balance: 100)
    let t1 = spawn("T1") { transfer(30, from: alice, to: alice) }
    t1.join()
    let balance = alice.balance.withLock { $0 }
    check(balance == 100, "alice holds \(balance) after paying herself, expected 100")
}
