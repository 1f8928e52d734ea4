// Deliberately racy: two isolates move money between two balances in one shared buffer, with
// nothing coordinating them. A read, a compute and a write per balance: updates get lost.
import ParLearnKit

// [transfer]
/// Moves `amount` from balance `from` to balance `to`, in place, zero-copy.
func transfer(_ amount: Int, from: Int, to: Int, in balances: SharedBuffer<Int>) {
    balances[from] = balances[from] - amount
    balances[to] = balances[to] + amount
}
// [/transfer]

// [scenario]
scenario("two isolates, one buffer") {
    let balances = SharedBuffer([100, 100], "balances")
    let a = Isolate("A").run { transfer(30, from: 0, to: 1, in: balances) }
    let b = Isolate("B").run { transfer(50, from: 1, to: 0, in: balances) }
    _ = a.result()
    _ = b.result()
    let total = balances[0] + balances[1]
    check(total == 200, "the bank holds \(total), expected 200")
}
// [/scenario]
