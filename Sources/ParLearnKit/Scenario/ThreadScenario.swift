import Foundation

/// Declares a scenario run by the thread engine (its body is synchronous).
///
/// - plain mode (no `PARLEARN_MODE`): the body runs once on real threads with real locks.
/// - explore mode: the checker runs the body under many controlled schedules, stops at the
///   first bug, minimises it to the fewest preemptions, records its trace and reports it.
/// - replay mode: the body runs once under `PARLEARN_SCHEDULE`.
///
/// ```swift
/// scenario("lost update") {
///     let counter = Shared(0, "counter")
///     let workers = (1...2).map { i in spawn("T\(i)") { counter.value += 1 } }
///     for w in workers { w.join() }
///     check(counter.value == 2, "counter is \(counter.value), expected 2")
/// }
/// ```
public func scenario(_ name: String, _ body: @escaping @Sendable () -> Void) {
    let request = ProgramRun.request
    guard request.mode != .plain else {
        if let only = request.scenario, only != name { return }
        if ProcessInfo.processInfo.environment[StressRequest.Key.scenario.rawValue] != nil {
            return StressHarness.runScenario(name, body: body)
        }
        body()
        return
    }
    runCheckedScenario(name, request: request) {
        let outcome = ThreadExplorer.run(request: request, scenario: name, body: body)
        return (outcome.report, outcome.processMustExit)
    }
}

/// The explore/replay half of a `scenario`, for either engine: selects the scenario, prepares
/// its crash records, explores, and hands the report to ``ProgramRun``.
func runCheckedScenario(_ name: String, request: RunRequest,
                        explore: () -> (report: ScenarioReport, processMustExit: Bool)) {
    // Replay, step and outcomes without a scenario name run the first scenario only.
    if request.mode != .explore && request.scenario == nil && !ProgramRun.reports.isEmpty { return }
    guard ProgramRun.begin(name) else { return }
    CrashRecords.prepare(scenario: name, reportPath: request.reportPath)
    let outcome = explore()
    ProgramRun.finish(outcome.report)
    if outcome.processMustExit {
        // A thread is stuck in code the checker cannot interrupt: end the process, which writes
        // the report (ProgramRun's exit hook) without waiting for that thread.
        CrashRecords.disarmed = true
        exit(1)
    }
}
