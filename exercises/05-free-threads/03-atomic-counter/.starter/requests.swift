// Counts served requests. Correct, but every increment takes a lock.
import Synchronization

let served = Mutex<Int>(0)

func resetServed() { served.withLock { $0 = 0 } }

func servedCount() -> Int { served.withLock { $0 } }

func stress(thread: Int, of threads: Int) {
    for _ in 0..<2000 {
        served.withLock { $0 += 1 }
    }
}
