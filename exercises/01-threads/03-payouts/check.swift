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

func bank() -> [Account] {
    [Account(id: 1, "alice", balance: 100), Account(id: 2, "bob", balance: 100), Account(id: 3, "carol", balance: 100)]
}

scenario("payouts in opposite directions and an auditor") {
    let accounts = bank()
    let (alice, bob, carol) = (accounts[0], accounts[1], accounts[2])
    let t1 = spawn("T1") { payout(30, from: carol, to: [alice]) }
    let t2 = spawn("T2") { payout(20, from: alice, to: [carol, bob]) }
    let auditor = spawn("auditor") { audit(accounts) }
    let paid = [t1.join(), t2.join()]
    let seen = auditor.join()
    check(paid == [true, true], "both payouts fit their payer's balance but returned \(paid)")
    check(seen == 300, "the auditor counted \(seen) in the bank, expected 300: a payout was seen half done")
    let after = balances(accounts)
    check(after == [90, 120, 90], "alice, bob and carol hold \(after), expected [90, 120, 90]")
}

scenario("a payee listed twice, and the payer among the payees") {
    let accounts = bank()
    let (alice, bob, carol) = (accounts[0], accounts[1], accounts[2])
    let t1 = spawn("T1") { payout(10, from: alice, to: [bob, bob, alice]) }
    let t2 = spawn("T2") { payout(5, from: carol, to: [carol]) }
    let paid = [t1.join(), t2.join()]
    check(paid == [true, true], "both payouts fit their payer's balance but returned \(paid)")
    let after = balances(accounts)
    check(after == [80, 120, 100], "alice, bob and carol hold \(after), expected [80, 120, 100]")
}

scenario("two payouts compete for the same money") {
    let accounts = bank()
    let (alice, bob, carol) = (accounts[0], accounts[1], accounts[2])
    let t1 = spawn("T1") { payout(40, from: alice, to: [bob, carol]) }
    let t2 = spawn("T2") { payout(70, from: alice, to: [carol]) }
    let paid = [t1.join(), t2.join()]
    let after = balances(accounts)
    let expected = paid == [true, false] ? [20, 140, 140] : paid == [false, true] ? [30, 100, 170] : nil
    check(expected != nil, "alice has 100, enough for exactly one of the payouts (80 or 70), but they returned \(paid)")
    check(expected == nil || after == expected!, "after payouts that returned \(paid), alice, bob and carol hold \(after), expected \(expected ?? [])")
}
