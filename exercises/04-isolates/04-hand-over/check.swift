import ParLearnKit

scenario("three accounts") {
    let day = closeDay(OwnedBuffer([10, 20, 30], "ledger"), at: Isolate("bank"))
    check(day.accounts == 3, "closeDay counted \(day.accounts) accounts, expected 3")
    check(day.total == 57, "closeDay returned a total of \(day.total), expected 57 after a fee of 1 each")
}

scenario("two banks, two ledgers") {
    let first = Isolate("bank-1").run { closeDay(OwnedBuffer([5], "ledger-1"), at: Isolate("fees-1")) }
    let second = closeDay(OwnedBuffer([1, 1], "ledger-2"), at: Isolate("fees-2"))
    let one = (try? first.value()) ?? (accounts: -1, total: -1)
    check(one.accounts == 1 && one.total == 4, "the first ledger closed as \(one), expected (1, 4)")
    check(second.accounts == 2 && second.total == 0, "the second ledger closed as \(second), expected (2, 0)")
}
