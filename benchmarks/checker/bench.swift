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

/// Seconds per hand-off between two threads pinned to the first allowed CPU that wake each
/// other with POSIX semaphores: the floor for any engine that runs one thread at a time.
func bareHandOff(rounds: Int) -> Double {
    typealias AffinityCall = @convention(c) (pid_t, Int, UnsafeMutableRawPointer) -> Int32
    let call = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "sched_setaffinity").map { unsafeBitCast($0, to: AffinityCall.self) }
    let getCall = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "sched_getaffinity").map { unsafeBitCast($0, to: AffinityCall.self) }
    var allowed = cpu_set_t()
    _ = withUnsafeMutableBytes(of: &allowed) { getCall?(getpid(), $0.count, $0.baseAddress!) }
    let first: Int = withUnsafeBytes(of: &allowed) { bytes in
        bytes.bindMemory(to: UInt.self).enumerated().lazy.compactMap { w, bits in bits == 0 ? nil : w * UInt.bitWidth + bits.trailingZeroBitCount }.first ?? 0
    }
    @Sendable func pin() {
        var set = cpu_set_t()
        withUnsafeMutableBytes(of: &set) { $0.bindMemory(to: UInt.self)[first / UInt.bitWidth] |= 1 << UInt(first % UInt.bitWidth) }
        _ = withUnsafeMutableBytes(of: &set) { call?(0, $0.count, $0.baseAddress!) }
    }
    final class Pair: @unchecked Sendable {  // @unchecked: two semaphores at fixed addresses
        let ping = UnsafeMutablePointer<sem_t>.allocate(capacity: 1), pong = UnsafeMutablePointer<sem_t>.allocate(capacity: 1)
        init() { sem_init(ping, 0, 0); sem_init(pong, 0, 0) }
    }
    let pair = Pair()
    let done = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
        pin()
        for _ in 0..<rounds { sem_wait(pair.ping); sem_post(pair.pong) }
        done.signal()
    }
    pin()
    let start = Date()
    for _ in 0..<rounds { sem_post(pair.ping); sem_wait(pair.pong) }
    let elapsed = Date().timeIntervalSince(start)
    done.wait()
    return elapsed / Double(2 * rounds)
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
    // The issue's yardstick: a 2-thread program with 50 operations (25 per thread).
    var rates: [Double] = []
    for i in 0..<runs {
        let r = measure("schedules \(i)", twoWriters(25))
        rates.append(Double(r.schedulesRun) / (r.elapsed ?? 1))
    }
    print(String(format: "schedules per second (2 threads, 50 operations): %.0f (median of %d)", median(rates), runs))
case "report":
    // A learner's report costs a fixed amount on top of exploring: the trace-recording replay
    // of the failing schedule and resolving its steps to source lines. The first schedule
    // fails here, so the elapsed time is that fixed cost. One measurement per process: the
    // kit remembers resolved lines, so a second report in the same process would be cheaper
    // than any learner's; run.sh starts it several times and takes the median.
    let r = measure("report") {
        let x = Shared(0, "x")
        x.value = 1
        check(x.value == 2, "x is \(x.value)")
    }
    print(String(format: "%.1f %@", (r.elapsed ?? 0) * 1000, r.trace.contains { $0.line != nil } ? "yes" : "NO"))
case "switch":
    // Every decision is a switch: each thread yields, and a yielding thread gives way to the
    // other (fair scheduling), so DFS at bound 0 alternates them. 2 × 9,000 yields stay below
    // the 20,000 steps at which giving way forever would count as a livelock.
    var engine: [Double] = []
    for i in 0..<runs {
        let r = measure("switch \(i)") {
            let a = spawn("A") { for _ in 0..<9000 { yieldNow() } }
            let b = spawn("B") { for _ in 0..<9000 { yieldNow() } }
            a.join()
            b.join()
        }
        engine.append((r.elapsed ?? 0) / Double(r.decisions ?? 1))
    }
    let bare = median((0..<runs).map { _ in bareHandOff(rounds: 20_000) })
    print(String(format: "per switch: engine %.2f µs, bare semaphore hand-off %.2f µs (same core); ratio %.2f of the hand-off limit",
                 median(engine) * 1e6, bare * 1e6, bare / median(engine)))
case "callgrind":
    // Run under callgrind by run.sh with two budgets; the difference gives instructions per decision.
    let r = measure("callgrind", twoWriters(500))
    print("decisions \(r.decisions ?? 0)")
case "memory":
    _ = measure("warm-up", twoWriters(25))
    let before = residentKB()
    let r = measure("memory", twoWriters(25))
    let after = residentKB()
    print("RSS before \(before) kB, after \(r.schedulesRun) more schedules \(after) kB")
default:
    print("usage: bench decisions|schedules|report|switch|callgrind|memory")
    exit(2)
}
