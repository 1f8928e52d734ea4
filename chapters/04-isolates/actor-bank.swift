// The native Swift way: the bank is an actor. It owns the balances, every call from outside
// waits its turn, and what crosses into it must be Sendable, which the compiler checks.
import ParLearnKit

// [bank]
/// Account numbers and amounts are values: copied in, never shared.
struct Transfer: Sendable {
    let amount: Int
    let from: Int
    let to: Int
}

/// The owner isolate of the previous section, written as an actor.
actor Bank {
    private var balances = [100, 100]

    func apply(_ transfer: Transfer) {
        balances[transfer.from] -= transfer.amount
        balances[transfer.to] += transfer.amount
    }

    var total: Int { balances.reduce(0, +) }
}
// [/bank]

// [scenario]
scenario("two tasks transfer through the actor") {
    let bank = Bank()
    async let a: Void = bank.apply(Transfer(amount: 30, from: 0, to: 1))
    async let b: Void = bank.apply(Transfer(amount: 50, from: 1, to: 0))
    _ = await (a, b)
    let total = await bank.total
    check(total == 200, "the bank holds \(total), expected 200")
}
// [/scenario]
