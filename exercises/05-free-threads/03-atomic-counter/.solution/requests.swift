// Counts served requests with one atomic instruction per request.
import Synchronization

let served = Atomic<Int>(0)

func resetServed() { served.store(0, ordering: .relaxed) }

func servedCount() -> Int { served.load(ordering: .relaxed) }

func stress(thread: Int, of threads: Int) {
    for _ in 0..<2000 {
        served.add(1, ordering: .relaxed)
    }
}
