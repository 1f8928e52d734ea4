// The fixed twin of racy.swift: each balance lives inside a Mutex, so a
// read-modify-write of one balance happens as one step.
import ParLearnKit

// [account]
/// A bank account whose balance can only be touched under its lock.
final class Account: Sendable {
    let balance: Mutex<Int>
    init(_ name: String, balance: Int) {
        self.balance = Mutex(balance, name)
    }
}
// [/account]

// [transfer]
func transfer(_ amount: Int, from: Account, to: Account) {
    from.balance.withLock { $0 -= amount }
    to.balance.withLock { $0 += amount }
}
// [/transfer]

scenario("two transfers") {
    let alice = Account("alice", balance: 100)
    let bob = Account("bob", balance: 100)
    let t1 = spawn("T1") { transfer(30, from: alice, to: bob) }
    let t2 = spawn("T2") { transfer(50, from: bob, to: alice) }
    t1.join()
    t2.join()
    let total = alice.balance.withLock { $0 } + bob.balance.withLock { $0 }
    check(total == 200, "the bank holds \(total), expected 200")
}
