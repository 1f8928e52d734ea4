// Start-up cost on this machine: a thread, a task and a worker process, each started and
// waited for (median of many), beside the Python figures the chapter cites; then the cost of
// sending 1 MB to a process as JSON. Run it with `run 03-processes/startup`.
import Foundation
import ParLearnKit

let nothing = EntryPoint("nothing") { (n: Int) in n }

struct Payload: Codable, Sendable { var bytes: Data }

/// The median of `runs` timings of `body`, in microseconds.
func medianMicroseconds(_ runs: Int, _ body: () throws -> Void) rethrows -> Double {
    var times: [Double] = []
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1000)
    }
    return times.sorted()[runs / 2]
}

// [measure]
let thread = medianMicroseconds(200) { spawn("T") { 0 }.join() }
let task = medianMicroseconds(200) {
    let done = DispatchSemaphore(value: 0)
    Task.detached { done.signal() }   // not `Task {}`: top-level code is on the main actor
    done.wait()
}
let process = try medianMicroseconds(11) { _ = try spawnProcess("P", nothing, input: 0).join() }
let payload = Payload(bytes: Data(repeating: 7, count: 1 << 20))
let serialize = try medianMicroseconds(9) {
    _ = try JSONDecoder().decode(Payload.self, from: JSONEncoder().encode(payload))
}
// [/measure]

// [chart]
/// One bar per row on a logarithmic scale (1 µs … 100 ms), so a thread and a process fit on
/// one chart although they differ a thousandfold.
func bar(_ label: String, _ microseconds: Double) {
    let width = max(1, Int((log10(max(microseconds, 1)) * 10).rounded()))
    let value = microseconds >= 1000 ? String(format: "%.1f ms", microseconds / 1000) : String(format: "%.0f µs", microseconds)
    print(label.padding(toLength: 30, withPad: " ", startingAt: 0) + String(repeating: "█", count: width) + " " + value)
}

print("Start and wait for one, median (log scale):")
bar("Swift thread (spawn)", thread)
bar("Swift task (Task {})", task)
bar("Swift process (spawnProcess)", process)
print("Python on this machine (3.11.7, research notes D §1.1):")
bar("threading.Thread", 67)
bar("multiprocessing, fork", 2_500)
bar("multiprocessing, spawn", 54_000)
print("Python elsewhere (discuss.python.org, 3.13 beta, 16 cores):")
bar("sub-interpreter", 1_110)
print(String(format: "Sending 1 MB to a process and back as JSON costs %.1f ms to encode and decode (median of 9).",
             serialize / 1000))
// [/chart]
