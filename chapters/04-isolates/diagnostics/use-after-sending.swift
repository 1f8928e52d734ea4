// Does not compile, on purpose: the ledger was handed over to the bank isolate, so the sender
// may not touch it again. chapter.md quotes the diagnostic.
import ParLearnKit

func openBank() {
    let ledger = OwnedBuffer([100, 100], "balances")
    let bank = Isolate("bank")
    _ = bank.run(handing: ledger) { balances in balances[0] + balances[1] }
    ledger[0] = 0
}
