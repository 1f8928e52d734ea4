// The balances belong to one owner isolate; the others send it transfer messages through a
// queue. Nothing is shared, so nothing races; a sentinel tells the owner to stop.
import ParLearnKit

// [owner]
enum Request: Sendable {
    case transfer(amount: Int, from: Int, to: Int)
    case stop
}

/// Starts the owner: it takes the ledger over (`sending`: the caller can no longer touch it),
/// applies each request in turn, and returns the final total at the sentinel.
func startBank(_ ledger: sending OwnedBuffer<Int>, requests: IsolateQueue<Request>) -> Future<Int> {
    Isolate("bank").run(handing: ledger) { balances in
        while let request = requests.get() {
            guard case .transfer(let amount, let from, let to) = request else { break }
            balances[from] -= amount
            balances[to] += amount
        }
        return balances[0] + balances[1]
    }
}
// [/owner]

// [scenario]
scenario("two isolates send transfers to the owner") {
    let requests = IsolateQueue<Request>("requests")
    let bank = startBank(OwnedBuffer([100, 100], "balances"), requests: requests)
    let a = Isolate("A").run { try requests.put(.transfer(amount: 30, from: 0, to: 1)) }
    let b = Isolate("B").run { try requests.put(.transfer(amount: 50, from: 1, to: 0)) }
    _ = a.result()
    _ = b.result()
    try? requests.put(.stop)
    let total = (try? bank.value()) ?? -1
    check(total == 200, "the bank holds \(total), expected 200")
}
// [/scenario]
