// Deliberately racy: two threads add to one counter without a lock.
import ParLearnKit

// [counter]
scenario("two increments") {
    let hits = Shared(0, "hits")
    let workers = (1...2).map { i in
        spawn("T\(i)") {
            hits.value += 1      // a read, then a write: not one step
        }
    }
    for w in workers { w.join() }
    let total = hits.value
    // [outcome]
    outcome(total, [2: .acceptable("both increments counted"), 1: .forbidden("an increment was lost")])
    // [/outcome]
    check(total == 2, "hits is \(total), expected 2")
}
// [/counter]
