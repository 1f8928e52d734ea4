import ParLearnKit

/// Loads `readings` into a buffer on the loader isolate and sums the buffer on the summer.
func loadAndSum(_ readings: [Int]) -> Int {
    let loader = Isolate("loader")
    let summer = Isolate("summer")
    let total = loader.run { () throws -> Int in
        let buffer = OwnedBuffer([Int](repeating: 0, count: readings.count), "readings")
        for (i, reading) in readings.enumerated() { buffer[i] = reading }
        // The loader gives the buffer up: from here on only the summer can reach it.
        return try summer.run(handing: buffer) { mine in (0..<mine.count).reduce(0) { $0 + mine[$1] } }.value()
    }
    return (try? total.value()) ?? -1
}
