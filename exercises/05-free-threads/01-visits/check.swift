// The check of free-visits: the invariant after each iteration.
func stressSetUp() { resetVisits() }

func stressCheck() -> String? {
    let count = visitCount()
    return count == 2000 ? nil : "\(count) visits counted, expected 2000 from 2 threads × 1000"
}
