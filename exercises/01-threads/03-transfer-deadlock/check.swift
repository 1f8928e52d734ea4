// The check for threads-transfer-deadlock. It belongs to the workbook: edit transfer.swift, not
// this file.
import ParLearnKit

/// Adds up every balance while holding every lock, taken in the bank's order (ascending id).
func audit(_ accounts: [Account]) -> Int {
    let ordered = accounts.sorted { $0.id < $1.id }
    for account in ordered { account.lock.lock() }
    let total = ordered.reduce(0) { $0 + $1.balance.value }
    for account in ordered.reversed() { account.lock.unlock() }
    return total
}

func balances(_ accounts: [Account]) -> [Int] {
    accounts.map { account in account.lock.withLock { account.balance.value } }
}

scenario("opposite transfers") {
    let alice = Account(id: 1, "alice", balance: 100)
    let bob = Account(id: 2, "bob", balance: 100)
    let t1 = spawn("T1") { transfer(30, from: alice, to: bob) }
    let t2 = spawn("T2") { transfer(50, from: bob, to: alice) }
    t1.join()
    t2.join()
    let after = balances([alice, bob])
    check(after == [120, 80], "alice and bob hold \(after), expected [120, 80]")
}

scenario("a ring of transfers and an auditor") {
    let accounts = [Account(id: 1, "alice", balance: 100),
                    Account(id: 2, "bob", balance: 100),
                    Account(id: 3, "carol", balance: 100)]
    let (alice, bob, carol) = (accounts[0], accounts[1], accounts[2])
    let t1 = spawn("T1") { transfer(10, from: alice, to: bob) }
    let t2 = spawn("T2") { transfer(20, from: bob, to: carol) }
    let t3 = spawn("T3") { transfer(40, from: carol, to: alice) }
    let auditor = spawn("auditor") { audit(accounts) }
    let seen = auditor.join()
    for t in [t1, t2, t3] { t.join() }
    check(seen == 300, "the auditor counted \(seen) in the bank, expected 300: money was seen in flight")
    let after = balances(accounts)
    check(after == [130, 90, 80], "alice, bob and carol hold \(after), expected [130, 90, 80]")
}

scenario("a transfer to the same account") {
    let alice = Account(id: 1, "alice", balance: 100)
    let bob = Account(id: 2, "bob", balance: 100)
    let t1 = spawn("T1") { transfer(30, from: alice, to: alice) }
    let t2 = spawn("T2") { transfer(20, from: bob, to: alice) }
    t1.join()
    t2.join()
    let after = balances([alice, bob])
    check(after == [120, 80], "alice and bob hold \(after), expected [120, 80]: paying yourself changes nothing")
}
