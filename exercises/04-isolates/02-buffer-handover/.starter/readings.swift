import ParLearnKit

/// Loads `readings` into a buffer on the loader isolate and sums the buffer on the summer.
func loadAndSum(_ readings: [Int]) -> Int {
    let loader = Isolate("loader")
    let summer = Isolate("summer")
    // TODO: both isolates use this buffer at once; the summer may add up readings the loader
    // has not written yet. Let the buffer belong to one isolate at a time.
    let buffer = SharedBuffer([Int](repeating: 0, count: readings.count), "readings")
    _ = loader.run {
        for (i, reading) in readings.enumerated() { buffer[i] = reading }
    }
    let total = summer.run { (0..<buffer.count).reduce(0) { $0 + buffer[$1] } }
    return (try? total.value()) ?? -1
}
