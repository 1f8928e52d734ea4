import Foundation
import Synchronization

/// The thread engine: explores, minimises and traces one synchronous scenario.
///
/// Exploration uses one stream per core. For an indexed strategy (random, PCT, portfolio)
/// execution `i` depends only on (seed, i), so the streams share one counter of indices and the
/// verdict is the failing execution with the lowest index, exactly what one stream would find:
/// a stream stops claiming indices above the best failure known, and indices below it are all
/// run. Execution 0 runs first, alone, to measure PCT's n and k for every stream.
/// DFS and replay depend on the previous execution and run on one stream.
enum ThreadExplorer {
    struct Settings: Sendable {
        var watchdogSeconds = 1.5
        /// Streams to use; nil: one per core. One unless the request asks for more: streams share
        /// the process, so a learner's global variable (the API-key lesson) would be written by two
        /// executions at once and verdicts would depend on timing. The runner asks for one per core
        /// only for sources without globals (`SharedStateScan`).
        var streams: Int? = ProgramRun.request.streams ?? 1
        /// Executions the minimiser may spend, over all preemption bounds.
        var minimiseBudget = 3000
        /// Scheduling decisions the minimiser may spend: a count, not a time, so that the
        /// schedule it reports is the same under any load (a livelock's runs are long).
        var minimiseSteps = 1_000_000
        /// Resolve trace steps to source lines (one symbolizer call per report). Tests that do
        /// not look at lines turn it off to save the symbolizer's start-up time.
        var sourceLines = true
    }

    /// The report, and whether the process must end because a controlled thread is stuck.
    struct Outcome {
        var report: ScenarioReport
        var processMustExit: Bool
        /// Preemptions of the failing schedule as first found, before minimisation.
        var foundPreemptions: Int? = nil
        /// The bug as first found, before minimisation: the report must show the same one.
        var found: Finding? = nil
    }

    /// Explores `body` as `request` asks (explore or replay mode) and reports the result.
    static func explore(request: RunRequest, scenario: String = "scenario", settings: Settings = Settings(),
                        body: @escaping @Sendable () -> Void) -> ScenarioReport {
        run(request: request, scenario: scenario, settings: settings, body: body).report
    }

    static func run(request: RunRequest, scenario: String, settings: Settings = Settings(),
                    body: @escaping @Sendable () -> Void) -> Outcome {
        if request.mode == .outcomes {
            return tallyOutcomes(request: request, scenario: scenario, settings: settings, body: body)
        }
        var session = Session(request: request, scenario: scenario, settings: settings, body: body)
        let outcome = session.run()
        session.shutDown()
        return outcome
    }
}

/// The state of one exploration.
private struct Session {
    let request: RunRequest
    let scenario: String
    let settings: ThreadExplorer.Settings
    let body: @Sendable () -> Void
    let started = Date()
    var streams: [Stream] = []
    var watchdog: Watchdog { Watchdog(seconds: settings.watchdogSeconds) }

    init(request: RunRequest, scenario: String, settings: ThreadExplorer.Settings, body: @escaping @Sendable () -> Void) {
        self.request = request
        deadline = request.timeBudget.map { CPUDeadline(seconds: $0) }
        self.scenario = scenario
        self.settings = settings
        self.body = body
    }

    /// The request's time budget, counted in the process's CPU time so that load cannot end
    /// the exploration sooner.
    let deadline: CPUDeadline?

    mutating func shutDown() {
        for stream in streams where !stream.busy.load(ordering: .acquiring) { stream.shutDown() }
    }

    mutating func run() -> ThreadExplorer.Outcome {
        let strategy: any SchedulingStrategy
        do {
            strategy = try makeStrategy(request: request)
        } catch {
            var report = base(verdict: .clean, message: "\(error)", strategy: "replay", schedulesRun: 0)
            report.scheduleMismatch = "\(error)"
            return .init(report: report, processMustExit: false)
        }
        let first = Stream(strategy: strategy, core: 0)
        streams.append(first)
        if request.mode == .replay || request.mode == .step {
            if request.mode == .step, let replay = strategy as? ReplayStrategy { first.pauseAt = replay.choices.count }
            let recorder = Recorder()
            guard let result = runOne(on: first, index: 0, recorder: recorder) else { return stuckReport(lastStuck!) }
            if let paused = result.paused, settings.sourceLines {
                SourceLocator.prefetch(recorder.steps.map(\.frames) + paused.threads.map(\.frames))
            }
            var report = makeReport(result, trace: recorder.traceSteps(sourceLines: settings.sourceLines), schedulesRun: 1, failures: result.bug == nil ? 0 : 1,
                                    coverage: first.strategy.coverage(executions: 1), strategy: "replay")
            if let mismatch = result.divergence {
                report.scheduleMismatch = mismatch
                report.message = mismatch
            }
            if let paused = result.paused, result.divergence == nil {
                report.decisionPoint = paused.resolved(step: result.choices.count, sourceLines: settings.sourceLines,
                                                       trace: report.trace)
                report.message = "paused at decision \(result.choices.count + 1)"
            }
            return .init(report: report, processMustExit: false)
        }
        return explore(first)
    }

    // MARK: Exploration

    private var lastStuck: Watchdog.Stuck?

    /// Runs one execution on `stream` under the watchdog; nil if the strategy has nothing left
    /// or the execution got stuck (then ``lastStuck`` is set).
    private mutating func runOne(on stream: Stream, index: Int, recorder: Recorder? = nil) -> ExecutionResult? {
        let box = ResultBox()
        let body = body
        let stuck = watchdog.run([(stream, { @Sendable in box.value = stream.run(index: index, recorder: recorder, body: body) })])
        if let stuck {
            lastStuck = stuck
            return nil
        }
        return box.value
    }

    private mutating func explore(_ first: Stream) -> ThreadExplorer.Outcome {
        let budget = request.schedules
        guard let zero = runOne(on: first, index: 0) else { return stuckReport(lastStuck!) }
        let board = Board(budget: budget, deadline: deadline)
        board.record(zero)
        if zero.finding == nil && budget > 1 {
            let body = body
            var jobs: [(stream: Stream, job: @Sendable () -> Void)] = []
            if first.strategy.isIndexed {
                let shape = first.strategy.measuredShape
                let count = settings.streams ?? OSThread.coreCount
                first.strategy.adopt(shape)
                for s in 1..<max(1, count) {
                    var strategy = try! makeStrategy(request: request)  // the same request decoded above
                    strategy.adopt(shape)
                    streams.append(Stream(strategy: strategy, core: s % OSThread.coreCount))
                }
                for stream in streams {
                    jobs.append((stream, { @Sendable in
                        while let index = board.claim() {
                            guard let result = stream.run(index: index, body: body) else { break }
                            board.record(result)
                        }
                    }))
                }
            } else {
                jobs.append((first, { @Sendable in
                    while let index = board.claim() {
                        guard let result = first.run(index: index, body: body) else { break }
                        board.record(result)
                    }
                }))
            }
            if let stuck = watchdog.run(jobs) { return stuckReport(stuck) }
        }
        let summary = board.summary
        let coverage = first.strategy.coverage(executions: summary.schedulesRun)
        guard let found = summary.concrete ?? summary.latent else {
            // A portfolio's active member at the end depends on which stream finished last.
            let name = request.strategy == .portfolio ? RunRequest.Strategy.portfolio.rawValue : first.strategy.name
            var report = base(verdict: .clean, message: "no bug found in \(counted(summary.schedulesRun, "schedule"))", strategy: name, schedulesRun: summary.schedulesRun)
            report.coverage = coverage
            report.decisions = summary.decisions
            report.details += Describe.background(zero.background)
            if let dfs = first.strategy as? BoundedDFS, let note = dfs.divergence {
                report.details.append("the program did not behave the same on the same schedule (\(note)): it has nondeterminism the checker does not control, so DFS coverage is approximate")
            }
            return .init(report: report, processMustExit: false)
        }
        if found.bug?.isCheckerLimit == true {
            // Nothing to explain step by step: the report says which limit was reached.
            let report = makeReport(found, trace: [], schedulesRun: summary.schedulesRun, failures: summary.failures,
                                    coverage: coverage, strategy: found.strategy)
            return .init(report: report, processMustExit: false)
        }
        guard let minimal = minimise(found, on: first) else { return stuckReport(lastStuck!) }
        return .init(report: traced(minimal, schedulesRun: summary.schedulesRun, failures: summary.failures,
                                    coverage: coverage, foundBy: found.strategy),
                     processMustExit: false, foundPreemptions: found.preemptions, found: found.bug)
    }

    // MARK: Minimisation

    /// The failing schedule with the fewest preemptions that still shows the same bug (see
    /// ``Finding/isSameBug(as:)``; another bug of the same kind does not count): bounded DFS
    /// with bound 0, 1, … below the original count, first hit wins. Never more preemptions
    /// than the original, which is kept if nothing smaller fails in the budget.
    private mutating func minimise(_ found: ExecutionResult, on stream: Stream) -> ExecutionResult? {
        guard let bug = found.bug, !bug.isCheckerLimit, found.preemptions > 0 else { return found }
        var (spent, steps) = (0, 0)
        for bound in 0..<found.preemptions {
            stream.strategy = BoundedDFS(preemptionBound: bound)
            var index = 0
            while spent < settings.minimiseBudget && steps < settings.minimiseSteps {
                guard let result = runOne(on: stream, index: index) else {
                    if lastStuck != nil { return nil }
                    break
                }
                spent += 1
                steps += result.choices.count
                index += 1
                if let other = result.bug, other.isSameBug(as: bug), result.preemptions < found.preemptions {
                    var better = result
                    better.strategy = found.strategy
                    return better
                }
            }
        }
        return found
    }

    // MARK: Reports

    /// Re-runs `result`'s schedule recording the trace, and reports it.
    private mutating func traced(_ result: ExecutionResult, schedulesRun: Int, failures: Int, coverage: String,
                                 foundBy: String) -> ScenarioReport {
        let recorder = Recorder()
        streams[0].strategy = ReplayStrategy(choices: result.choices)
        let replayed = runOne(on: streams[0], index: 0, recorder: recorder)
        guard let replayed, let bug = result.bug, replayed.bug?.isSameBug(as: bug) == true,
              replayed.divergence == nil else {
            // The failure was seen; a replay that missed it must not turn it into a pass.
            var report = makeReport(result, trace: [], schedulesRun: schedulesRun, failures: failures,
                                    coverage: coverage, strategy: foundBy)
            report.details.append("replaying the schedule did not reproduce this failure, so no trace is shown: the program has nondeterminism the checker does not control (time, random numbers, real threads or locks)")
            return report
        }
        return makeReport(replayed, trace: recorder.traceSteps(sourceLines: settings.sourceLines), schedulesRun: schedulesRun,
                          failures: failures, coverage: coverage, strategy: foundBy)
    }

    /// The report of one recorded execution.
    private func makeReport(_ final: ExecutionResult, trace: [TraceStep], schedulesRun: Int, failures: Int,
                            coverage: String, strategy: String) -> ScenarioReport {
        var report: ScenarioReport
        let describe = Describe(names: final.threads, trace: trace)
        if let bug = final.bug {
            let text = describe.finding(bug)
            report = base(verdict: bug.isCheckerLimit ? .limit : .bug, message: text.message, strategy: strategy,
                          schedulesRun: schedulesRun)
            report.kind = bug.isCheckerLimit ? nil : bug.kind
            report.details = text.details
            if let latent = final.latent, final.finding != nil {
                report.details += describe.finding(latent).asDetails
            }
        } else {
            report = base(verdict: .clean, message: "the schedule ran to the end without a bug", strategy: strategy, schedulesRun: schedulesRun)
        }
        report.details += Describe.background(final.background)
        report.show(ShownSchedule(schedule: ScheduleString.encode(final.choices), preemptions: final.preemptions,
                                  columns: final.threads, trace: trace, failuresSeen: failures, coverage: coverage))
        return report
    }

    private func base(verdict: Verdict, message: String, strategy: String, schedulesRun: Int) -> ScenarioReport {
        ScenarioReport(scenario: scenario, engine: .threads, verdict: verdict, message: message, seed: request.seed,
                       strategy: strategy, schedulesRun: schedulesRun, failuresSeen: 0,
                       elapsed: Date().timeIntervalSince(started))
    }

    /// A stuck thread: replay its schedule once more, recording, to show the steps up to it.
    private mutating func stuckReport(_ stuck: Watchdog.Stuck) -> ThreadExplorer.Outcome {
        let names = (stuck.stream.current?.threadNames) ?? []
        let recorder = Recorder()
        let again = Stream(strategy: ReplayStrategy(choices: stuck.choices), core: nil)
        let body = body
        let quick = Watchdog(seconds: min(1.0, settings.watchdogSeconds))
        let finished = quick.run([(again, { @Sendable in _ = again.run(index: 0, recorder: recorder, body: body) })]) == nil
        if finished { again.shutDown() }
        let trace = recorder.traceSteps(sourceLines: settings.sourceLines)
        let finding = Finding.stuck(thread: stuck.thread, spinning: stuck.spinning, seconds: settings.watchdogSeconds)
        let text = Describe(names: names, trace: trace).finding(finding)
        var report = base(verdict: .bug, message: text.message, strategy: stuck.stream.strategy.name, schedulesRun: 1)
        report.kind = finding.kind
        report.details = text.details
        report.schedule = ScheduleString.encode(stuck.choices)
        report.threads = names
        report.trace = trace
        report.failuresSeen = 1
        return .init(report: report, processMustExit: true)
    }
}

/// A result handed from a driver thread to the session.
private final class ResultBox: @unchecked Sendable {
    // @unchecked: written by the driver before it signals completion, read after.
    var value: ExecutionResult?
}

/// The shared tally of a parallel exploration; see ``ThreadExplorer`` for why it is deterministic.
private final class Board: Sendable {
    struct Summary {
        var concrete: ExecutionResult?
        var latent: ExecutionResult?
        var schedulesRun = 0
        var failures = 0
        var decisions = 0
    }

    private struct State {
        var next = 1
        var run = 0
        var concrete: ExecutionResult?
        var latent: ExecutionResult?
        var failureIndices: [Int] = []
        var decisions = 0
    }

    private let state = Synchronization.Mutex(State())
    private let budget: Int
    private let deadline: CPUDeadline?

    init(budget: Int, deadline: CPUDeadline?) {
        self.budget = budget
        self.deadline = deadline
    }

    /// The next index to run, or nil when the budget, the deadline or a lower failure says stop.
    func claim() -> Int? {
        if let deadline, deadline.hasPassed { return nil }
        return state.withLock { s in
            guard s.next < budget, s.next < (s.concrete?.index ?? Int.max) else { return nil }
            defer { s.next += 1 }
            return s.next
        }
    }

    func record(_ result: ExecutionResult) {
        state.withLock { s in
            s.run += 1
            s.decisions += result.choices.count
            if result.finding != nil {
                s.failureIndices.append(result.index)
                if result.index < (s.concrete?.index ?? Int.max) { s.concrete = result }
            } else if result.latent != nil, result.index < (s.latent?.index ?? Int.max) {
                s.latent = result
            }
        }
    }

    var summary: Summary {
        state.withLock { s in
            if let c = s.concrete {
                return Summary(concrete: c, latent: nil, schedulesRun: c.index + 1,
                               failures: s.failureIndices.filter { $0 <= c.index }.count, decisions: s.decisions)
            }
            return Summary(concrete: nil, latent: s.latent, schedulesRun: s.run, failures: s.latent == nil ? 0 : 1,
                           decisions: s.decisions)
        }
    }
}
