// Counts words over a generated text. The stress threads share one dictionary.
import Synchronization

let vocabulary = ["free", "thread", "lock", "atomic", "shard", "merge", "core", "cache"]
let lineCount = 2000
let wordsPerLine = 25

/// Line `i` of the text: the same words every time, so the counts are known.
func words(ofLine i: Int) -> [String] {
    (0..<wordsPerLine).map { vocabulary[(i &* 31 &+ $0 &* 7) % vocabulary.count] }
}

nonisolated(unsafe) var counts: [String: Int] = [:]

func resetCounts() { counts = [:] }

func countsSnapshot() -> [String: Int] { counts }

func stress(thread: Int, of threads: Int) {
    for line in stride(from: thread, to: lineCount, by: threads) {
        for word in words(ofLine: line) {
            counts[word, default: 0] += 1
        }
    }
}
