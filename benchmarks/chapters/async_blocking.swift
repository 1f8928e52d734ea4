// Chapter 02 figure: blocking calls starve the cooperative pool.
// Four tasks each wait 200 ms, either by blocking their thread (usleep)
// or by suspending (Task.sleep). The pool has one thread per core.
import Foundation
import Synchronization

/// Highest number of tasks seen running at the same moment.
final class Peak: Sendable {
    private let state = Mutex((now: 0, peak: 0))
    func enter() { state.withLock { $0.now += 1; $0.peak = max($0.peak, $0.now) } }
    func leave() { state.withLock { $0.now -= 1 } }
    var peak: Int { state.withLock { $0.peak } }
}

func fourTasks(blocking: Bool) async -> (seconds: Double, peak: Int) {
    let peak = Peak()
    let t0 = now()
    await withTaskGroup(of: Void.self) { g in
        for _ in 0..<4 {
            g.addTask {
                peak.enter()
                if blocking {
                    usleep(200_000)                        // holds a thread
                } else {
                    try? await Task.sleep(for: .milliseconds(200))
                }
                peak.leave()
            }
        }
    }
    return (now() - t0, peak.peak)
}

@main struct AsyncBlocking {
    static func main() async {
        for blocking in [true, false] {
            var peaks: [Int] = []
            let times = await measure(runs: 5) {
                let r = await fourTasks(blocking: blocking)
                peaks.append(r.peak)
                return r.seconds
            }
            let name = blocking ? "4 tasks x usleep(200 ms)"
                                : "4 tasks x Task.sleep(200 ms)"
            report(name, times, unit: "s")
            print("  most tasks running at once: \(peaks.max()!)")
        }
        print("cores: \(ProcessInfo.processInfo.activeProcessorCount)")
    }
}
