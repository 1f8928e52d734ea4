import Foundation

/// Declares a scenario run by the async engine (its body is `async`).
///
/// - plain mode (no `PARLEARN_MODE`): the body runs once with ordinary Swift concurrency and
///   the program waits for it; a failed `check` prints its message and exits 1.
/// - explore mode: the checker runs the body under many controlled schedules of its tasks,
///   stops at the first bug, minimises it to the fewest preemptions, records its trace and
///   reports it.
/// - replay mode: the body runs once under `PARLEARN_SCHEDULE` (an `A1-…` string).
///
/// ```swift
/// scenario("overdraft") {
///     let bank = Bank(balance: 100)
///     let a = spawnTask("alice") { await bank.withdraw(60) }
///     let b = spawnTask("bob") { await bank.withdraw(60) }
///     _ = await (a.value, b.value)
///     let balance = await bank.balance      // `check` takes no `await`: read the value first
///     check(balance >= 0, "balance went negative: \(balance)")
/// }
/// ```
public func scenario(_ name: String, _ body: @escaping @Sendable () async -> Void) {
    let request = ProgramRun.request
    guard request.mode != .plain else {
        if let only = request.scenario, only != name { return }
        StressHarness.refuseScenario(name, kind: "an async scenario", instead: "explore it: its tasks share threads")
        let done = Parker()
        Task(name: name) {
            await body()
            done.unpark()
        }
        _ = AsyncExplorer.wait(for: done, heartbeat: nil, slot: nil, seconds: .infinity)
        return
    }
    runCheckedScenario(name, request: request) {
        if request.mode == .step || request.mode == .outcomes {
            // The async engine's jobs are not paused at a decision it can describe yet.
            return (ScenarioReport(scenario: name, engine: .async, verdict: .clean,
                                   message: "\(request.mode.rawValue) mode drives thread scenarios only",
                                   seed: request.seed, strategy: request.mode.rawValue, schedulesRun: 0,
                                   failuresSeen: 0), false)
        }
        let outcome = AsyncExplorer.run(request: request, scenario: name, body: body)
        return (outcome.report, outcome.processMustExit)
    }
}
