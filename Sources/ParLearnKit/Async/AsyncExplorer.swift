import Foundation
import Synchronization

/// The async engine: explores, minimises and traces one async scenario.
///
/// Every execution runs on one driver thread, one job at a time, so execution `i` of an
/// indexed strategy depends only on (seed, i): the same seed gives the same schedules and the
/// same verdict. The thread that called it waits, watches the driver (a job that never
/// returns to it is reported as stuck) and runs the main run loop, so that `@MainActor` work
/// that escaped the checker shows up as a foreign job instead of a silent hang.
enum AsyncExplorer {
    struct Settings: Sendable {
        var limits = AsyncLimits()
        /// Executions the minimiser may spend, over all preemption bounds.
        var minimiseBudget = 2000
        /// Jobs the minimiser may run: a count, not a time, so that the schedule it reports is
        /// the same under any load.
        var minimiseSteps = 500_000
        /// Run (or read the cached result of) the toolchain self-test before exploring.
        var selfTest = true
    }

    /// The report, and whether the process must end because the driver is stuck in a job.
    struct Outcome {
        var report: ScenarioReport
        var processMustExit: Bool
    }

    /// Explores `body` as `request` asks (explore or replay mode) and reports the result.
    static func explore(request: RunRequest, scenario: String = "scenario", settings: Settings = Settings(),
                        body: @escaping @Sendable () async -> Void) -> ScenarioReport {
        run(request: request, scenario: scenario, settings: settings, body: body).report
    }

    static func run(request: RunRequest, scenario: String, settings: Settings = Settings(),
                    body: @escaping @Sendable () async -> Void) -> Outcome {
        if settings.selfTest && request.mode == .explore, let failure = AsyncSelfTest.cachedOrRun().failure {
            return Outcome(report: selfTestFailed(failure, request: request, scenario: scenario), processMustExit: false)
        }
        let heartbeat = Heartbeat()
        let slot = CrashRecords.acquireSlot()
        let box = ReportBox(slot: slot)
        let done = Parker()
        OSThread.start {
            var session = AsyncSession(request: request, scenario: scenario, settings: settings, body: body,
                                       heartbeat: heartbeat, slot: box.slot)
            box.report = session.run()
            done.unpark()
        }
        if let stall = wait(for: done, heartbeat: heartbeat, slot: slot, seconds: settings.limits.jobTimeoutSeconds) {
            let seconds = settings.limits.jobTimeoutSeconds
            return Outcome(report: stuckReport(slot: slot, request: request, scenario: scenario,
                                               seconds: seconds, spinning: stall == .spinning),
                           processMustExit: true)
        }
        CrashRecords.releaseSlot(slot)
        return Outcome(report: box.report!, processMustExit: false)
    }

    /// One execution of `body` (seeded random order) on a fresh driver thread, for the self-test
    /// and the actor-layout probe of ``RuntimeJob``.
    struct Probe: Sendable {
        var findingText: String?
        var steps: Int
        var jobIDMismatch: String?
        var driverThread: UInt
        var finding: BugKind?
    }

    static func driveOnce(verifyJobIDs: Bool, onActorJob: (@Sendable (UInt) -> Void)? = nil,
                          body: @escaping @Sendable () async -> Void) -> Probe {
        let box = ProbeBox()
        let done = Parker()
        OSThread.start {
            var strategy: any SchedulingStrategy = RandomWalk(seed: 0)
            _ = strategy.beginExecution(index: 0)
            let execution = AsyncExecution(limits: AsyncLimits(), recorder: nil, crashSlot: nil, heartbeat: Heartbeat())
            execution.verifyJobIDs = verifyJobIDs
            execution.onActorJob = onActorJob
            let result = execution.run(strategy: &strategy, index: 0, body: body)
            box.probe = Probe(findingText: result.finding.map { "\($0)" }, steps: result.steps, jobIDMismatch: execution.jobIDMismatch,
                              driverThread: UInt(pthread_self()), finding: result.finding?.kind)
            done.unpark()
        }
        _ = wait(for: done, heartbeat: nil, slot: nil, seconds: .infinity)
        return box.probe!
    }

    /// Blocks until `done`; returns how one job got stuck if it spun for `seconds` of CPU time
    /// or slept that long in something invisible (see ``Stall``).
    static func wait(for done: Parker, heartbeat: Heartbeat?, slot: UnsafeMutablePointer<CrashRecords.Slot>?,
                     seconds: Double) -> Stall.State? {
        var stall = Stall(seconds: seconds, lookEvery: 0.02)
        let onMain = Thread.isMainThread
        while true {
            if onMain {
                // Runs main-queue work (MainActor.run, @MainActor hops), which then comes back to
                // the driver from the main thread and is reported; it cannot run any other way.
                _ = RunLoop.main.run(mode: .default, before: Date())
            }
            if done.park(timeout: 0.02) { return nil }
            guard let heartbeat, let slot else { continue }
            // An odd count: a job is running on the driver thread.
            let now = heartbeat.progress.load(ordering: .relaxed)
            let state = stall.observe(progress: now, busy: now % 2 == 1, tid: slot.pointee.tid)
            if state != .moving { return state }
        }
    }

    private static func stuckReport(slot: UnsafeMutablePointer<CrashRecords.Slot>,
                                    request: RunRequest, scenario: String, seconds: Double,
                                    spinning: Bool) -> ScenarioReport {
        let snapshot = CrashRecords.asyncSnapshot(slot)
        let name = snapshot.names.indices.contains(snapshot.running) ? snapshot.names[snapshot.running] : "a task"
        let limit = String(format: "%g", seconds)
        let how = spinning
            ? "used more than \(limit) s of CPU time without returning to the scheduler: "
                + "it is running without ever reaching an await: an endless loop"
            : "waited more than \(limit) s without returning to the scheduler: it is blocked in a call "
                + "the checker cannot see: a lock, a semaphore, sleep(), DispatchQueue.sync or I/O"
        var report = ScenarioReport(
            scenario: scenario, engine: .async, verdict: .bug, kind: .livelock,
            message: "\(name) \(how)",
            seed: request.seed, strategy: request.mode == .replay ? "replay" : request.strategy.rawValue,
            schedulesRun: 1, failuresSeen: 1, threads: snapshot.names,
            details: ["code between two awaits runs to the end without interruption; a loop that waits for another task must await inside (for example Task.yield() or an AsyncStream)"])
        report.schedule = AsyncSchedule.encode(snapshot.choices)
        return report
    }

    private static func selfTestFailed(_ failure: String, request: RunRequest, scenario: String) -> ScenarioReport {
        ScenarioReport(
            scenario: scenario, engine: .async, verdict: .bug, kind: .uncontrolled,
            message: "the async checker's self-test failed on this Swift toolchain, so its results cannot be trusted: \(failure)",
            seed: request.seed, strategy: request.strategy.rawValue, schedulesRun: 0, failuresSeen: 0,
            details: ["run `parlearn doctor` for the full self-test; the async engine needs task executor preference (SE-0417) to route every job through the checker"])
    }
}

/// Async schedule strings: the shared format with engine letter `A`.
enum AsyncSchedule {
    static let engine: Character = "A"

    static func encode(_ choices: [Int]) -> String? {
        choices.allSatisfy({ $0 <= ScheduleString.maxId }) ? ScheduleString.encode(choices, engine: engine) : nil
    }
}

/// A report handed from the driver thread to the waiting caller.
private final class ReportBox: @unchecked Sendable {
    // @unchecked: the report is written by the driver before it unparks the caller and read
    // after; the crash slot is the driver's while it runs (see CrashRecords).
    var report: ScenarioReport?
    let slot: UnsafeMutablePointer<CrashRecords.Slot>
    init(slot: UnsafeMutablePointer<CrashRecords.Slot>) { self.slot = slot }
}

private final class ProbeBox: @unchecked Sendable {
    // @unchecked: written by the driver before it unparks the caller, read after.
    var probe: AsyncExplorer.Probe?
}

/// The state of one exploration, on the driver thread.
private struct AsyncSession {
    let request: RunRequest
    let scenario: String
    let settings: AsyncExplorer.Settings
    let body: @Sendable () async -> Void
    let heartbeat: Heartbeat
    let slot: UnsafeMutablePointer<CrashRecords.Slot>
    let started = Date()

    init(request: RunRequest, scenario: String, settings: AsyncExplorer.Settings, body: @escaping @Sendable () async -> Void,
         heartbeat: Heartbeat, slot: UnsafeMutablePointer<CrashRecords.Slot>) {
        self.request = request
        deadline = request.timeBudget.map { CPUDeadline(seconds: $0) }
        self.scenario = scenario
        self.settings = settings
        self.body = body
        self.heartbeat = heartbeat
        self.slot = slot
    }

    /// The request's time budget, counted in the process's CPU time so that load cannot end
    /// the exploration sooner.
    let deadline: CPUDeadline?

    mutating func run() -> ScenarioReport {
        var strategy: any SchedulingStrategy
        do {
            strategy = try makeStrategy(request: request, engine: AsyncSchedule.engine)
        } catch {
            var report = base(verdict: .clean, message: "\(error)", strategy: "replay", schedulesRun: 0)
            report.scheduleMismatch = "\(error)"
            return report
        }
        if request.mode == .replay {
            let recorder = AsyncRecorder()
            guard let result = execute(&strategy, index: 0, recorder: recorder) else {
                return base(verdict: .clean, message: "nothing to replay", strategy: strategy.name, schedulesRun: 0)
            }
            return report(result, trace: recorder.steps, schedulesRun: 1, failures: result.finding == nil ? 0 : 1,
                          coverage: strategy.coverage(executions: 1), reproduced: true)
        }
        return explore(&strategy)
    }

    private func execute(_ strategy: inout any SchedulingStrategy, index: Int, recorder: AsyncRecorder? = nil) -> AsyncResult? {
        guard strategy.beginExecution(index: index) else { return nil }
        let execution = AsyncExecution(limits: settings.limits, recorder: recorder, crashSlot: slot, heartbeat: heartbeat)
        var result = execution.run(strategy: &strategy, index: index, body: body)
        strategy.endExecution(failed: result.finding != nil)
        result.divergence = strategy.divergence
        return result
    }

    private mutating func explore(_ strategy: inout any SchedulingStrategy) -> ScenarioReport {
        let (found, runs) = SerialExploration.search(&strategy, budget: request.schedules, deadline: deadline) {
            execute(&$0, index: $1)
        }
        let coverage = strategy.coverage(executions: runs)
        guard let found else {
            var report = base(verdict: .clean, message: "no bug found in \(counted(runs, "schedule"))", strategy: strategy.name, schedulesRun: runs)
            report.coverage = coverage
            if let note = request.budgetNote(runs: runs, deadline: deadline) { report.details.append(note) }
            if let note = (strategy as? BoundedDFS)?.divergence {
                report.details.append("the program did not behave the same on the same schedule (\(note)): it has nondeterminism the checker does not control, so DFS coverage is approximate")
            }
            return report
        }
        // Work that escaped the checker is not reproducible: report it as it was seen.
        if found.finding?.kind == .uncontrolled {
            return report(found, trace: [], schedulesRun: runs, failures: 1, coverage: coverage, reproduced: true)
        }
        let minimal = minimise(found)
        // Re-run the minimal schedule, recording the table.
        var replay: any SchedulingStrategy = ReplayStrategy(choices: minimal.choices)
        let recorder = AsyncRecorder()
        let traced = execute(&replay, index: 0, recorder: recorder)
        let reproduced = traced?.finding?.kind == minimal.finding?.kind
        var shown = reproduced ? traced! : minimal
        shown.strategy = found.strategy
        return report(shown, trace: reproduced ? recorder.steps : [], schedulesRun: runs, failures: 1,
                      coverage: coverage, reproduced: reproduced)
    }

    private func minimise(_ found: AsyncResult) -> AsyncResult {
        SerialExploration.minimise(found, budget: settings.minimiseBudget, steps: settings.minimiseSteps) {
            execute(&$0, index: $1)
        }
    }

    // MARK: Reports

    private func report(_ result: AsyncResult, trace: [TraceStep], schedulesRun: Int, failures: Int,
                        coverage: String, reproduced: Bool) -> ScenarioReport {
        var report: ScenarioReport
        switch result.finding {
        case nil:
            report = base(verdict: .clean, message: "the schedule ran to the end without a bug", strategy: result.strategy, schedulesRun: schedulesRun)
        case .invariant(let message, let file, let line, let task)?:
            report = base(verdict: .bug, message: message, strategy: result.strategy, schedulesRun: schedulesRun)
            report.details = ["the check at \(file):\(line) failed in task \(result.tasks.indices.contains(task) ? result.tasks[task] : "?")"]
        case .hang(let message, let details)?, .uncontrolled(let message, let details)?:
            report = base(verdict: .bug, message: message, strategy: result.strategy, schedulesRun: schedulesRun)
            report.details = details
        case .livelock(let message)?:
            report = base(verdict: .bug, message: message, strategy: result.strategy, schedulesRun: schedulesRun)
        }
        report.kind = result.finding?.kind
        if !reproduced {
            report.details.append("replaying the schedule did not reproduce the same result: the program has nondeterminism the checker does not control (time, random numbers, real threads, Dispatch or unstructured tasks)")
        }
        report.schedule = AsyncSchedule.encode(result.choices)
        report.preemptions = result.preemptions
        report.threads = result.tasks
        report.trace = trace
        report.failuresSeen = failures
        report.coverage = coverage
        report.scheduleMismatch = result.divergence
        if let mismatch = result.divergence, request.mode == .replay { report.message = mismatch }
        return report
    }

    private func base(verdict: Verdict, message: String, strategy: String, schedulesRun: Int) -> ScenarioReport {
        ScenarioReport(scenario: scenario, engine: .async, verdict: verdict, message: message, seed: request.seed,
                       strategy: strategy, schedulesRun: schedulesRun, failuresSeen: 0,
                       elapsed: Date().timeIntervalSince(started))
    }
}
