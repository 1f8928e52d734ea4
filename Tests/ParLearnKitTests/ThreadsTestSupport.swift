@testable import ParLearnKit

/// Explores `body` in-process on the thread engine with the stated budget and seed.
func exploreThreads(_ body: @escaping @Sendable () -> Void, strategy: RunRequest.Strategy = .portfolio,
                    schedules: Int = 1000, seed: UInt64 = 0, bound: Int = 2, streams: Int? = nil,
                    sourceLines: Bool = false, watchdog: Double = 1.5) -> ThreadExplorer.Outcome {
    let request = RunRequest(mode: .explore, strategy: strategy, schedules: schedules, seed: seed, preemptionBound: bound)
    let settings = ThreadExplorer.Settings(watchdogSeconds: watchdog, streams: streams, sourceLines: sourceLines)
    return ThreadExplorer.run(request: request, scenario: "test", settings: settings, body: body)
}

/// Replays one schedule string of `body` and reports it.
func replayThreads(_ schedule: String, _ body: @escaping @Sendable () -> Void) -> ScenarioReport {
    let request = RunRequest(mode: .replay, schedule: schedule)
    return ThreadExplorer.explore(request: request, settings: .init(sourceLines: false), body: body)
}
