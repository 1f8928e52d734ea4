// Thread-engine benchmark: compiled with `swiftc -O` against a release build of ParLearnKit by
// run.sh, which runs it under PARLEARN_MODE=explore. Each figure is the median of several runs.
import Foundation
import ParLearnKit

let runs = 5
let arguments = CommandLine.arguments

/// Resident set size of this process in kB, from /proc/self/status.
func residentKB() -> Int {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
    return Int(line.split(separator: " ").dropFirst().first ?? "") ?? -1
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

/// Two threads, `perThread` atomic stores each: every store is a scheduling decision, and
/// atomics do not race, so every schedule is explored to the end (no bug stops the run).
func twoWriters(_ perThread: Int) -> @Sendable () -> Void {
    {
        let cell = Atomic(0, "cell")
        let a = spawn("A") { for i in 0..<perThread { cell.store(i, ordering: .relaxed) } }
        let b = spawn("B") { for i in 0..<perThread { cell.store(-i, ordering: .relaxed) } }
        a.join()
        b.join()
    }
}

/// Runs scenario `name` (schedules set by run.sh) and returns its report.
func measure(_ name: String, _ body: @escaping @Sendable () -> Void) -> ScenarioReport {
    scenario(name, body)
    return ProgramRun.reports.last!
}

switch arguments.dropFirst().first ?? "" {
case "decisions":
    // Long schedules: 2 × 500 operations, so the per-schedule set-up does not dominate.
    var rates: [Double] = []
    for i in 0..<runs {
        let r = measure("decisions \(i)", twoWriters(500))
        rates.append(Double(r.decisions ?? 0) / (r.elapsed ?? 1))
    }
    print(String(format: "scheduling decisions per second: %.0f (median of %d)", median(rates), runs))
case "schedules":
    // The yardstick: a 2-thread program with 50 operations (25 per thread).
    var rates: [Double] = []
    for i in 0..<runs {
        let r = measure("schedules \(i)", twoWriters(25))
        rates.append(Double(r.schedulesRun) / (r.elapsed ?? 1))
    }
    print(String(format: "schedules per second (2 threads, 50 operations): %.0f (median of %d)", median(rates), runs))
case "memory":
    _ = measure("warm-up", twoWriters(25))
    let before = residentKB()
    let r = measure("memory", twoWriters(25))
    let after = residentKB()
    print("RSS before \(before) kB, after \(r.schedulesRun) more schedules \(after) kB")
default:
    print("usage: bench decisions|schedules|memory")
    exit(2)
}
