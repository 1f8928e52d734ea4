// Counting in shards: each thread counts in a local variable and adds its
// total once. Nothing is shared in the loop.
import Synchronization

let total = Atomic(0)

// [count]
func stress(thread: Int, of threads: Int) {
    var mine = 0
    for _ in 0..<(2_000_000 / threads) {
        mine += 1
    }
    total.add(mine, ordering: .relaxed)
}
// [/count]
