// Counts words over a generated text. Each thread counts its own lines into its own shard.
import Synchronization

let vocabulary = ["free", "thread", "lock", "atomic", "shard", "merge", "core", "cache"]
let lineCount = 2000
let wordsPerLine = 25

/// Line `i` of the text: the same words every time, so the counts are known.
func words(ofLine i: Int) -> [String] {
    (0..<wordsPerLine).map { vocabulary[(i &* 31 &+ $0 &* 7) % vocabulary.count] }
}

let counts = Mutex<[String: Int]>([:])

func resetCounts() { counts.withLock { $0 = [:] } }

func countsSnapshot() -> [String: Int] { counts.withLock { $0 } }

func stress(thread: Int, of threads: Int) {
    var shard: [String: Int] = [:]
    for line in stride(from: thread, to: lineCount, by: threads) {
        for word in words(ofLine: line) {
            shard[word, default: 0] += 1
        }
    }
    counts.withLock { all in all.merge(shard, uniquingKeysWith: +) }
}
