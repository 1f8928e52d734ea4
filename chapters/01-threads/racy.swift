// Deliberately racy: two transfers update the same balances without a
// lock, so one update can overwrite the other and money disappears.
import ParLearnKit

// [account]
/// A bank account whose balance is an unprotected shared cell.
final class Account: Sendable {
    let balance: Shared<Int>
    init(_ name: String, balance: Int) {
        self.balance = Shared(balance, name)
    }
}
// [/account]

// [transfer]
func transfer(_ amount: Int, from: Account, to: Account) {
    from.balance.value -= amount   // read, subtract, write
    to.balance.value += amount     // read, add, write
}
// [/transfer]

// [scenario]
scenario("two transfers") {
    let alice = Account("alice", balance: 100)
    let bob = Account("bob", balance: 100)
    let t1 = spawn("T1") { transfer(30, from: alice, to: bob) }
    let t2 = spawn("T2") { transfer(50, from: bob, to: alice) }
    t1.join()
    t2.join()
    let total = alice.balance.value + bob.balance.value
    check(total == 200, "the bank holds \(total), expected 200")
}
// [/scenario]
