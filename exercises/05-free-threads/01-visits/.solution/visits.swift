// Counts page visits. Two threads record visits at the same time.
import Synchronization

let visits = Atomic<Int>(0)

func recordVisit() {
    visits.add(1, ordering: .relaxed)
}

func resetVisits() { visits.store(0, ordering: .relaxed) }

func visitCount() -> Int { visits.load(ordering: .relaxed) }

/// Each stress thread records 1000 visits per iteration.
func stress(thread: Int, of threads: Int) {
    for _ in 0..<1000 { recordVisit() }
}
