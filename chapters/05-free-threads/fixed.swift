// The same bank with both balances inside one Synchronization.Mutex: a transfer
// takes the lock, moves the money and releases it, so no update is lost.
import Synchronization

// [balances]
struct Balances {
    var alice = 100
    var bob = 100
}

let bank = Mutex(Balances())
// [/balances]

// [transfer]
func transfer(_ amount: Int, fromAlice: Bool) {
    bank.withLock { balances in
        if fromAlice {
            balances.alice -= amount
            balances.bob += amount
        } else {
            balances.bob -= amount
            balances.alice += amount
        }
    }
}
// [/transfer]

func stress(thread: Int, of threads: Int) {
    for _ in 0..<1000 { transfer(1, fromAlice: thread % 2 == 0) }
}

func stressSetUp() {
    bank.withLock { $0 = Balances() }
}

func stressCheck() -> String? {
    let total = bank.withLock { $0.alice + $0.bob }
    return total == 200 ? nil : "the bank holds \(total), expected 200"
}
