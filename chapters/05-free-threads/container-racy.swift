// Deliberately racy: two threads insert into one Dictionary. Free-threaded
// Python locks each dict for you; in Swift this is undefined behaviour and can
// corrupt the heap. `nonisolated(unsafe)` IS the lesson here.

// [cache]
nonisolated(unsafe) var cache: [Int: Int] = [:]

func stress(thread: Int, of threads: Int) {
    for key in 0..<200 {
        cache[key * threads + thread] = key   // may grow the storage another thread is writing
    }
}
// [/cache]

func stressSetUp() { cache = [:] }
