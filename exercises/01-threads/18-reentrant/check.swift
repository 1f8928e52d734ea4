// The check for threads-reentrant. It belongs to the workbook: edit ledger.swift, not this file.
import ParLearnKit

scenario("one move") {
    let ledger = Ledger()
    spawn("teller") { ledger.move(30, from: "alice", to: "bob") }.join()
    let entries = ledger.all
    check(entries == ["alice -30", "bob +30"], "the ledger holds \(entries), expected [\"alice -30\", \"bob +30\"]")
}

scenario("a move and a deposit") {
    let ledger = Ledger()
    let teller1 = spawn("T1") { ledger.move(30, from: "alice", to: "bob") }
    let teller2 = spawn("T2") { ledger.record("carol +5") }
    teller1.join()
    teller2.join()
    let entries = ledger.all
    check(entries.count == 3 && entries.contains("carol +5"), "the ledger holds \(entries), expected three entries")
    let debit = entries.firstIndex(of: "alice -30")
    check(debit != nil && debit! + 1 < entries.count && entries[debit! + 1] == "bob +30",
          "the ledger holds \(entries): the two halves of the move must be next to each other")
}
