// Per-thread counters that sit next to each other in memory: no two threads
// write the same counter, yet they share a 64-byte cache line, which the cores
// pass back and forth (false sharing). Change `spacing` to 16 (128 bytes apart)
// and the slowdown goes away.

/// One Int slot per thread, `spacing` Ints apart. `nonisolated(unsafe)`: each thread writes only
/// its own slot, and the lesson is what that costs when the slots share a cache line.
nonisolated(unsafe) let slots = UnsafeMutablePointer<Int>.allocate(capacity: 16 * 256)
let spacing = 1

// [count]
func stress(thread: Int, of threads: Int) {
    let slot = slots + thread * spacing
    slot.pointee = 0
    for _ in 0..<(2_000_000 / threads) {
        slot.pointee &+= 1
    }
}
// [/count]
