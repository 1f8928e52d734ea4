import XCTest
@testable import ParLearnKit

/// Runs the async engine in-process, without the toolchain self-test (tested on its own).
func exploreAsync(
    schedules: Int = 500, seed: UInt64 = 0, strategy: RunRequest.Strategy = .portfolio,
    settings: AsyncExplorer.Settings = AsyncExplorer.Settings(selfTest: false),
    _ body: @escaping @Sendable () async -> Void
) -> ScenarioReport {
    let request = RunRequest(mode: .explore, strategy: strategy, schedules: schedules, seed: seed)
    return AsyncExplorer.explore(request: request, scenario: "test", settings: settings, body: body)
}

func replayAsync(_ schedule: String, _ body: @escaping @Sendable () async -> Void) -> ScenarioReport {
    AsyncExplorer.explore(request: RunRequest(mode: .replay, schedule: schedule), scenario: "test",
                          settings: AsyncExplorer.Settings(selfTest: false), body: body)
}

/// A report without the fields that legitimately differ between equal runs.
func comparable(_ report: ScenarioReport) -> ScenarioReport {
    var copy = report
    copy.elapsed = nil
    return copy
}
