// The check of free-word-count: exact counts after each iteration.
func stressSetUp() { resetCounts() }

func stressCheck() -> String? {
    let counts = countsSnapshot()
    let total = counts.values.reduce(0, +)
    guard total == lineCount * wordsPerLine else {
        return "\(total) words counted, expected \(lineCount * wordsPerLine)"
    }
    return counts.count == vocabulary.count ? nil : "\(counts.count) distinct words, expected \(vocabulary.count)"
}
