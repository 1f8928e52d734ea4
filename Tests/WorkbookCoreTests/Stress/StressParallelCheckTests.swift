import Foundation
import ParLearnKit
import XCTest
@testable import WorkbookCore

/// The "is it really parallel?" part of a stress exercise's check, with timings scripted by a
/// stand-in runner: graded thresholds, a speed-up that is only shown, and a busy machine.
final class StressParallelCheckTests: XCTestCase {
    /// Answers every stress run cleanly; a timing run at N threads takes `wall[N]` seconds of wall
    /// time and `cpu[N]` of CPU time.
    private struct TimedRunner: ProgramExecuting {
        var wall: [Int: Double]
        var cpu: [Int: Double]
        var waited: [Int: Double] = [:]

        func stress(files: [URL], options: StressOptions) -> StressOutcome {
            let run = StressRun(nonce: nil, complete: true, threads: options.threads, iterations: options.iterations,
                                roundsCompleted: options.iterations, wallSeconds: wall[options.threads] ?? 1,
                                cpuSeconds: cpu[options.threads] ?? 1, waitedSeconds: waited[options.threads] ?? 0,
                                gil: false, gilSwitches: nil, stuckThreads: [])
            return .ran(StressEvidence(run: run, status: .exited(0), output: "", warnings: []))
        }

        func compile(files: [URL], mainFile: URL) -> CompileResult { .failed(diagnostics: [], output: "unused") }
        func explore(binary: URL, request: RunRequest, timeout: Double) -> ExploreRun {
            ExploreRun(outcome: .incomplete(status: .exited(1), reason: "unused"))
        }
        func runPlain(binary: URL, timeout: Double) -> PlainRun { PlainRun(outcome: .exited(0)) }
        func demangle(_ symbols: [String]) -> [String: String] { [:] }
        var cores: Int { 2 }
    }

    private var folder: TemporaryFolder!

    override func setUp() {
        folder = TemporaryFolder()
        folder.write("job.swift", "func stress(thread: Int, of threads: Int) {}\n")
        folder.write("check.swift", "func stressCheck() -> String? { nil }\n")
    }

    private func file(_ name: String) -> URL { folder.url.appendingPathComponent(name) }

    private func check(_ settings: StressSettings, wall: [Int: Double], cpu: [Int: Double],
                       waited: [Int: Double] = [:]) -> CheckVerdict {
        var budget = ExerciseBudget(schedules: 1, seconds: 10, seeds: [1], stressIterations: 2)
        budget.stress = settings
        let inputs = CheckInputs(exerciseID: "job", engine: .stress, learnerFiles: [file("job.swift")],
                                 checkFile: file("check.swift"), budget: budget)
        return ExerciseChecker(executor: TimedRunner(wall: wall, cpu: cpu, waited: waited)).check(inputs)
    }

    private var showOnly: StressSettings {
        var settings = StressSettings()
        settings.showSpeedup = true
        return settings
    }

    func testAShownSpeedupNeverFailsAndSaysItIsNotGraded() {
        // 1.25× at 2 threads would miss any sensible threshold; shown, it is only a figure.
        let verdict = check(showOnly, wall: [1: 1.0, 2: 0.8], cpu: [1: 1.0, 2: 1.2])
        XCTAssertEqual(verdict.kind, .passed, verdict.headline)
        let shown = "speed-up 1.25× at 2 threads, 1.50 cores busy (median of 3 runs), shown, not graded"
        XCTAssertTrue(verdict.details.contains(shown), verdict.details.joined(separator: "\n"))
    }

    func testAGradedSpeedupBelowItsThresholdFailsAfterTheRetry() {
        var settings = StressSettings()
        settings.speedup = 1.5
        let verdict = check(settings, wall: [1: 1.0, 2: 0.8], cpu: [1: 1.0, 2: 1.2])
        XCTAssertEqual(verdict.kind, .failed)
        XCTAssertTrue(verdict.headline.contains("speed-up 1.25× at 2 threads, needs ≥ 1.50× (measured twice)"),
                      verdict.headline)
        settings.speedup = 1.2
        XCTAssertEqual(check(settings, wall: [1: 1.0, 2: 0.8], cpu: [1: 1.0, 2: 1.2]).kind, .passed)
    }

    func testABusyMachineIsNotMeasurableRatherThanAFailure() {
        var settings = showOnly
        settings.speedup = 1.5
        // One thread kept only half a core busy: other programs had the rest.
        let verdict = check(settings, wall: [1: 1.0, 2: 0.9], cpu: [1: 0.5, 2: 0.6])
        XCTAssertEqual(verdict.kind, .passed, verdict.headline)
        XCTAssertTrue(verdict.details.contains { $0.hasPrefix("speed-up not measurable here: other programs") },
                      verdict.details.joined(separator: "\n"))
    }

    /// Both threads kept a core busy for part of the time and waited for one, held by other
    /// programs, for the rest: the 1.11× speed-up measures the load, so it is not a failure. The
    /// same timings with threads that did not wait (they took turns at the program's own lock)
    /// fail the threshold.
    func testThreadsWaitingForACoreAreABusyMachineButThreadsTakingTurnsAreMeasured() {
        var settings = StressSettings()
        settings.speedup = 1.5
        let timings = (wall: [1: 1.0, 2: 0.9], cpu: [1: 1.0, 2: 1.1])
        let busy = check(settings, wall: timings.wall, cpu: timings.cpu, waited: [2: 0.7])
        XCTAssertEqual(busy.kind, .passed, busy.headline)
        XCTAssertTrue(busy.details.contains("speed-up not measurable here: other programs shared the cores (at 2 threads "
                                            + "the program spent 39% of its time waiting for a core that other programs had)"),
                      busy.details.joined(separator: "\n"))
        let turns = check(settings, wall: timings.wall, cpu: timings.cpu, waited: [2: 0.05])
        XCTAssertEqual(turns.kind, .failed, turns.headline)
        XCTAssertTrue(turns.headline.contains("speed-up 1.11× at 2 threads, needs ≥ 1.50×"), turns.headline)
    }
}
