// Counts page visits. Two threads record visits at the same time.

nonisolated(unsafe) var visits = 0

func recordVisit() {
    visits += 1
}

func resetVisits() { visits = 0 }

func visitCount() -> Int { visits }

/// Each stress thread records 1000 visits per iteration.
func stress(thread: Int, of threads: Int) {
    for _ in 0..<1000 { recordVisit() }
}
