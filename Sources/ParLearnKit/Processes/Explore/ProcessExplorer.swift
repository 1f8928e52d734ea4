import Foundation
import Glibc

/// The process engine: explores, minimises and traces one process scenario with the same
/// strategies, schedule strings (engine letter `P`) and report as the thread engine.
///
/// Executions run one after another in the broker (forking needs a single-threaded parent),
/// each a pure function of (seed, index) for indexed strategies, so the same seed gives the
/// same schedules and verdict.
enum ProcessExplorer {
    static let engine: Character = "P"

    struct Settings: Sendable {
        var watchdogSeconds = 1.5
        /// Executions, and scheduling decisions over them, that the minimiser may spend: counts,
        /// not times, so that the schedule it shows is the same under any load.
        var minimiseBudget = 300
        var minimiseSteps = 300_000
        var sourceLines = true
    }

    static func explore(request: RunRequest, scenario: String, settings: Settings = Settings(),
                        body: @escaping @Sendable () throws -> Void) -> ScenarioReport {
        warmUp()
        var session = ProcessSession(request: request, scenario: scenario, settings: settings, body: body)
        return session.run()
    }
}

extension ProcessExplorer {
    /// Runs the kit's own messages through JSON once in the broker, before it forks: every
    /// forked process then inherits the Swift runtime's type metadata and conformance caches
    /// (and resolved symbols) for them, which each process would otherwise rebuild, at about a
    /// tenth of the CPU time of a schedule (benchmarks/processes/run.sh measures it).
    static func warmUp() {
        func roundTrip<T: Codable>(_ value: T) {
            _ = try? MessageCoding.decode(T.self, from: MessageCoding.encode(value), what: "warm-up")
        }
        roundTrip(WorkOrder(entry: "", input: Data()))
        for reply in [WorkReply.value(Data()), .failed(""), .unknownEntryPoint("")] { roundTrip(reply) }
        roundTrip(NoOutput())
    }
}

/// What one execution did.
struct ProcessRunResult: MinimisableExecution {
    var finding: Finding?
    var choices: [Int]
    var preemptions: Int
    var names: [String]
    var divergence: String?
    var strategy: String

    var bugKind: BugKind? { finding?.kind }
    var steps: Int { choices.count }
}

private struct ProcessSession {
    let request: RunRequest
    let scenario: String
    let settings: ProcessExplorer.Settings
    let body: @Sendable () throws -> Void
    let started = Date()

    init(request: RunRequest, scenario: String, settings: ProcessExplorer.Settings, body: @escaping @Sendable () throws -> Void) {
        self.request = request
        self.scenario = scenario
        self.settings = settings
        self.body = body
    }

    mutating func run() -> ScenarioReport {
        if request.mode == .step || request.mode == .outcomes {
            let why = "`\(request.mode.rawValue)` works on thread scenarios; \(scenario) is a process scenario"
            var report = base(verdict: .clean, message: why, strategy: request.strategy.rawValue, schedulesRun: 0)
            report.scheduleMismatch = why
            return report
        }
        var strategy: any SchedulingStrategy
        do {
            strategy = try makeStrategy(request: request, engine: ProcessExplorer.engine)
        } catch {
            var report = base(verdict: .clean, message: "\(error)", strategy: "replay", schedulesRun: 0)
            report.scheduleMismatch = "\(error)"
            return report
        }
        if request.mode == .replay {
            let recorder = Recorder()
            guard let result = execute(&strategy, index: 0, recorder: recorder) else {
                return base(verdict: .clean, message: "nothing to replay", strategy: strategy.name, schedulesRun: 0)
            }
            return report(result, trace: recorder.traceSteps(sourceLines: settings.sourceLines), schedulesRun: 1,
                          failures: result.finding == nil ? 0 : 1, coverage: strategy.coverage(executions: 1), reproduced: true)
        }
        return explore(&strategy)
    }

    private func execute(_ strategy: inout any SchedulingStrategy, index: Int, recorder: Recorder? = nil) -> ProcessRunResult? {
        guard strategy.beginExecution(index: index) else { return nil }
        let execution = ProcessExecution(recorder: recorder, watchdogSeconds: settings.watchdogSeconds)
        execution.run(strategy: &strategy, body: body)
        strategy.endExecution(failed: execution.finding != nil)
        return ProcessRunResult(finding: execution.finding, choices: execution.choices, preemptions: execution.preemptions,
                                names: execution.names, divergence: strategy.divergence, strategy: strategy.name)
    }

    private mutating func explore(_ strategy: inout any SchedulingStrategy) -> ScenarioReport {
        let deadline = request.timeBudget.map { CPUDeadline(seconds: $0) }
        let (found, runs) = SerialExploration.search(&strategy, budget: request.schedules, deadline: deadline) {
            execute(&$0, index: $1)
        }
        let coverage = strategy.coverage(executions: runs)
        guard let found else {
            let name = request.strategy == .portfolio ? RunRequest.Strategy.portfolio.rawValue : strategy.name
            var report = base(verdict: .clean, message: "no bug found in \(counted(runs, "schedule"))", strategy: name,
                              schedulesRun: runs)
            report.coverage = coverage
            if let note = request.budgetNote(runs: runs, deadline: deadline) { report.details.append(note) }
            return report
        }
        let minimal = minimise(found)
        var replay: any SchedulingStrategy = ReplayStrategy(choices: minimal.choices)
        let recorder = Recorder()
        let traced = execute(&replay, index: 0, recorder: recorder)
        let reproduced = traced?.finding?.kind == minimal.finding?.kind && traced?.divergence == nil
        var shown = reproduced ? traced! : minimal
        shown.strategy = found.strategy
        return report(shown, trace: reproduced ? recorder.traceSteps(sourceLines: settings.sourceLines) : [],
                      schedulesRun: runs, failures: 1, coverage: coverage, reproduced: reproduced)
    }

    private func minimise(_ found: ProcessRunResult) -> ProcessRunResult {
        SerialExploration.minimise(found, budget: settings.minimiseBudget, steps: settings.minimiseSteps) {
            execute(&$0, index: $1)
        }
    }

    private func report(_ result: ProcessRunResult, trace: [TraceStep], schedulesRun: Int, failures: Int,
                        coverage: String, reproduced: Bool) -> ScenarioReport {
        var report: ScenarioReport
        let describe = Describe(names: result.names, trace: trace, unit: "process")
        if let finding = result.finding {
            let text = describe.finding(finding)
            report = base(verdict: .bug, message: text.message, strategy: result.strategy, schedulesRun: schedulesRun)
            report.kind = finding.kind
            report.details = text.details
        } else {
            report = base(verdict: .clean, message: "the schedule ran to the end without a bug", strategy: result.strategy,
                          schedulesRun: schedulesRun)
        }
        if !reproduced {
            report.details.append("replaying the schedule did not reproduce the same result: the program has nondeterminism the checker does not control (time, random numbers, threads inside a process)")
        }
        report.show(ShownSchedule(schedule: ScheduleString.encode(result.choices, engine: ProcessExplorer.engine),
                                  preemptions: result.preemptions, columns: result.names, trace: trace,
                                  failuresSeen: failures, coverage: coverage))
        report.scheduleMismatch = result.divergence
        if let mismatch = result.divergence, request.mode == .replay { report.message = mismatch }
        return report
    }

    private func base(verdict: Verdict, message: String, strategy: String, schedulesRun: Int) -> ScenarioReport {
        ScenarioReport(scenario: scenario, engine: .processes, verdict: verdict, message: message, seed: request.seed,
                       strategy: strategy, schedulesRun: schedulesRun, failuresSeen: 0,
                       elapsed: Date().timeIntervalSince(started))
    }
}
