// Deliberately racy: the bank's balances are plain globals that every thread
// updates without a lock. `nonisolated(unsafe)` IS the lesson here: it tells
// Swift 6 "trust me", and nothing then stops two threads writing at once.

// [balances]
nonisolated(unsafe) var alice = 100
nonisolated(unsafe) var bob = 100
// [/balances]

// [transfer]
func transfer(_ amount: Int, fromAlice: Bool) {
    if fromAlice {
        alice -= amount   // read, subtract, write: another thread can write in between
        bob += amount
    } else {
        bob -= amount
        alice += amount
    }
}
// [/transfer]

// [stress]
/// Each stress thread runs this once per iteration: even threads pay Bob, odd ones pay Alice.
func stress(thread: Int, of threads: Int) {
    for _ in 0..<1000 { transfer(1, fromAlice: thread % 2 == 0) }
}

func stressSetUp() {
    alice = 100
    bob = 100
}

/// After each iteration: nil when no money was created or lost.
func stressCheck() -> String? {
    alice + bob == 200 ? nil : "the bank holds \(alice + bob), expected 200"
}
// [/stress]
