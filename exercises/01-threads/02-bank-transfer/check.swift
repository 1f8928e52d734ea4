// The check for threads-bank-transfer. It belongs to the workbook: edit bank.swift, not this file.
import ParLearnKit

scenario("opposite transfers") {
    let alice = Account("alice", balance: 100)
    let bob = Account("bob", balance: 100)
    let t1 = spawn("T1") { transfer(30, from: alice, to: bob) }
    let t2 = spawn("T2") { transfer(50, from: bob, to: alice) }
    let (ok1, ok2) = (t1.join(), t2.join())
    check(ok1 && ok2, "a transfer was refused (alice to bob: \(ok1), bob to alice: \(ok2)), but both accounts held enough")
    check(alice.balance == 120 && bob.balance == 80,
          "alice has \(alice.balance) and bob \(bob.balance), expected 120 and 80 (the bank holds \(alice.balance + bob.balance), expected 200)")
}

scenario("two payments from one account") {
    let alice = Account("alice", balance: 100)
    let bob = Account("bob", balance: 0)
    let carol = Account("carol", balance: 0)
    let t1 = spawn("T1") { transfer(60, from: alice, to: bob) }
    let t2 = spawn("T2") { transfer(60, from: alice, to: carol) }
    let paid = [t1.join(), t2.join()].filter { $0 }.count
    let total = alice.balance + bob.balance + carol.balance
    check(alice.balance >= 0, "alice is overdrawn: her balance is \(alice.balance)")
    check(paid == 1, "\(paid) payments of 60 went through from alice's 100, expected exactly 1")
    check(total == 100 && alice.balance == 40,
          "alice has \(alice.balance), bob \(bob.balance), carol \(carol.balance): the bank holds \(total), expected 100 with 40 left to alice")
}
