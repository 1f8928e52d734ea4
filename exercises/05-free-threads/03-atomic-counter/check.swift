// The check of free-atomic-counter.
func stressSetUp() { resetServed() }

func stressCheck() -> String? {
    servedCount() == 4000 ? nil : "\(servedCount()) requests counted, expected 4000"
}
