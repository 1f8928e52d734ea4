// Measures what a blocking call does to Swift's cooperative pool: four
// tasks each wait 100 ms, first by blocking their thread, then by
// suspending. Run it; it prints the two times.
import Foundation
import ParLearnKit

// [waits]
/// Four child tasks that each wait 100 ms; returns elapsed ms.
func fourWaits(blocking: Bool) async -> Int {
    let clock = ContinuousClock()
    let start = clock.now
    await withTaskGroup(of: Void.self) { group in
        for _ in 0..<4 {
            group.addTask {
                if blocking {
                    usleep(100_000)          // holds its pool thread
                } else {
                    await sleep(for: .milliseconds(100))  // lets go
                }
            }
        }
    }
    return Int((clock.now - start) / .milliseconds(1))
}
// [/waits]

scenario("four waits") {
    let cores = ProcessInfo.processInfo.activeProcessorCount
    let blocked = await fourWaits(blocking: true)
    let suspended = await fourWaits(blocking: false)
    print("\(cores) cores")
    print("4 tasks x usleep(100 ms):     \(blocked) ms")
    print("4 tasks x sleep(for: 100 ms): \(suspended) ms")
}
