// The container race fixed by sharding: each thread fills its own Dictionary,
// then merges it once under a Mutex. The hot loop takes no lock at all.
import Synchronization

let merged = Mutex<[Int: Int]>([:])

// [shard]
func stress(thread: Int, of threads: Int) {
    var shard: [Int: Int] = [:]          // this thread's own: no sharing, no lock
    for key in 0..<200 {
        shard[key * threads + thread] = key
    }
    merged.withLock { all in all.merge(shard) { old, _ in old } }
}
// [/shard]

func stressSetUp() { merged.withLock { $0 = [:] } }

func stressCheck() -> String? {
    let count = merged.withLock { $0.count }
    return count == 400 ? nil : "\(count) keys, expected 400 from 2 threads"
}
