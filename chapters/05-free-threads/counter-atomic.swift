// Counting with an Atomic: one hardware instruction per increment, but every
// thread still writes the same cache line.
import Synchronization

let total = Atomic(0)

// [count]
func stress(thread: Int, of threads: Int) {
    for _ in 0..<(2_000_000 / threads) {
        total.add(1, ordering: .relaxed)
    }
}
// [/count]
