// The check for threads-bank-transfer. It belongs to the workbook: edit bank.swift, not this file.
import ParLearnKit

/// A statement adds up when its balance is the opening balance plus its entries.
func checkAddsUp(_ statement: Statement, opening: Int, when: String) {
    let sum = statement.entries.reduce(opening, +)
    check(statement.balance == sum,
          "a statement printed \(when) shows balance \(statement.balance) with entries \(statement.entries), which add up to \(sum)")
}

scenario("a statement while payments post") {
    let alice = Account("alice", balance: 100)
    let payments = spawn("payments") { [alice.post(-30), alice.post(50)] }
    let printer = spawn("printer") { alice.statement() }
    checkAddsUp(printer.join(), opening: 100, when: "during the payments")
    let posted = payments.join()
    check(posted == [true, true], "both postings fit the balance but returned \(posted)")
    let final = alice.statement()
    checkAddsUp(final, opening: 100, when: "at the end")
    check(final.balance == 120, "alice's balance is \(final.balance) after -30 and +50, expected 120")
}

scenario("two payments from one account") {
    let alice = Account("alice", balance: 100)
    let t1 = spawn("T1") { alice.post(-60) }
    let t2 = spawn("T2") { alice.post(-60) }
    let printer = spawn("printer") { alice.statement() }
    let paid = [t1.join(), t2.join()].filter { $0 }.count
    checkAddsUp(printer.join(), opening: 100, when: "during the payments")
    let final = alice.statement()
    check(paid == 1, "\(paid) payments of 60 went through from alice's 100, expected exactly 1")
    checkAddsUp(final, opening: 100, when: "at the end")
    check(final == Statement(balance: 40, entries: [-60]), "alice's statement is \(final), expected balance 40 with entries [-60]")
}
