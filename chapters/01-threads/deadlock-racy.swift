// Deliberately deadlocking: each transfer locks its source account
// first, so two transfers in opposite directions can each hold one lock
// and wait for the other forever.
import ParLearnKit

final class Account: Sendable {
    let id: Int
    let balance: Mutex<Int>
    init(id: Int, _ name: String, balance: Int) {
        self.id = id
        self.balance = Mutex(balance, name)
    }
}

// [transfer]
/// Moves money with both accounts locked, so nobody ever sees it
/// in flight. The locking order follows the direction of the money.
func transfer(_ amount: Int, from: Account, to: Account) {
    from.balance.withLock { source in
        to.balance.withLock { target in
            source -= amount
            target += amount
        }
    }
}
// [/transfer]

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
