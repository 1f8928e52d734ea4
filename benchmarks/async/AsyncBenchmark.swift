// Release-build benchmark of the async engine: scheduled jobs per second and schedules per
// second. Run it with benchmarks/async/run.sh. It uses only the public kit API, as a learner
// program does: each scenario runs in explore mode and its report gives the elapsed time.
// A job count per execution is measured by a twin scenario that fails at its very end: its
// schedule string holds one choice per job.
import Foundation
import ParLearnKit

actor Counter {
    var value = 0
    func increment() { value += 1 }
}

/// One task yielding in a loop: every job is a resumption, run in-process by the driver.
@Sendable func yieldLoop(fail: Bool) async {
    for _ in 0..<9_000 { await Task.yield() }
    if fail { check(false, "count the jobs") }
}

/// The small scenario: 3 tasks, each hopping onto an actor and yielding, about 30 jobs.
@Sendable func small(fail: Bool) async {
    let counter = Counter()
    let tasks = ["a", "b", "c"].map { name in
        spawnTask(name) {
            await counter.increment()
            await Task.yield()
            await counter.increment()
            await Task.yield()
        }
    }
    for task in tasks { await task.value }
    if fail { check(false, "count the jobs") }
}

/// Choices in an `A1-…` schedule string: letters are ids, a number after one repeats it.
func steps(in schedule: String) -> Int {
    var total = 0, run = 0, sawLetter = false
    for ch in schedule.dropFirst(3) {
        if let digit = ch.wholeNumberValue {
            run = run * 10 + digit
        } else {
            if sawLetter { total += max(run, 1) }
            sawLetter = true
            run = 0
        }
    }
    return sawLetter ? total + max(run, 1) : 0
}

func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }

let which = CommandLine.arguments.dropFirst().first ?? "small"
let repetitions = 5
let body: @Sendable (Bool) async -> Void = which == "jobs" ? yieldLoop : small

scenario("\(which)-count") { await body(true) }
for i in 0..<repetitions { scenario("\(which)-\(i)") { await body(false) } }

let reports = ProgramRun.reports
guard let counted = reports.first(where: { $0.scenario == "\(which)-count" }), let schedule = counted.schedule else {
    print("benchmark: the counting scenario did not report a schedule (is PARLEARN_MODE=explore set?)")
    exit(1)
}
let jobsPerSchedule = steps(in: schedule)
let timed = reports.filter { $0.scenario != "\(which)-count" }
guard timed.allSatisfy({ $0.verdict == .clean }) else {
    print("benchmark: a timed scenario was not clean: \(timed.map(\.summaryLine))")
    exit(1)
}
let schedulesPerSecond = timed.map { Double($0.schedulesRun) / ($0.elapsed ?? .infinity) }
let jobsPerSecond = schedulesPerSecond.map { $0 * Double(jobsPerSchedule) }
let strategy = timed.first?.strategy ?? "?"
print(String(format: "%@: %d jobs/schedule, %d schedules × %d runs (%@): median %.0f schedules/s, %.0f jobs/s",
             which, jobsPerSchedule, timed.first?.schedulesRun ?? 0, repetitions, strategy,
             median(schedulesPerSecond), median(jobsPerSecond)))
