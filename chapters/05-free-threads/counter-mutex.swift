// Counting with a Mutex: correct, but every increment is a lock hand-off.
// `speedup counter-mutex` next to counter-atomic, counter-shards and
// counter-false-sharing shows what each kind of sharing costs.
import Synchronization

let total = Mutex(0)

// [count]
func stress(thread: Int, of threads: Int) {
    for _ in 0..<(2_000_000 / threads) {
        total.withLock { $0 += 1 }
    }
}
// [/count]
