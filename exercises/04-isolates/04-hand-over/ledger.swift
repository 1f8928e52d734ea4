import ParLearnKit

/// Ends the day: hands the ledger over to the bank isolate, which takes a fee of 1 from every
/// account and adds up what is left. Returns how many accounts there were and that total.
func closeDay(_ ledger: sending OwnedBuffer<Int>, at bank: Isolate) -> (accounts: Int, total: Int) {
    let total = bank.run(handing: ledger) { balances in
        for i in 0..<balances.count { balances[i] -= 1 }
        return (0..<balances.count).reduce(0) { $0 + balances[$1] }
    }
    // TODO: the ledger belongs to the bank now; the compiler will not let us read it here.
    let accounts = ledger.count
    return (accounts, (try? total.value()) ?? -1)
}
