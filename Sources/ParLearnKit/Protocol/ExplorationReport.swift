/// The shared result format of both engines (threads and async).
///
/// A program run by the checker writes one ``ProgramReport`` as JSON. The workbook core decodes
/// it to render the verdict and the interleaving table, and the grading formats are built from it.
/// Field names are part of the public JSON contract documented in `docs/report-format.md`.
public struct ProgramReport: Codable, Sendable, Equatable {
    /// The nonce from ``RunRequest/nonce``; proves the report was written by the kit at the end.
    public var nonce: String?
    /// True once every scenario has finished exploring. A report without it is not trusted.
    public var complete: Bool
    public var scenarios: [ScenarioReport]

    public init(nonce: String?, complete: Bool, scenarios: [ScenarioReport]) {
        self.nonce = nonce
        self.complete = complete
        self.scenarios = scenarios
    }

    /// The first scenario with a bug, if any: the program's verdict.
    public var firstBug: ScenarioReport? { scenarios.first { $0.verdict == .bug } }
}

public enum Engine: String, Codable, Sendable {
    case threads, async, processes
    /// Plain Swift on free-running real threads (`parlearn stress`), optionally under ThreadSanitizer.
    case stress
}

public enum Verdict: String, Codable, Sendable {
    case bug, clean
    /// The checker reached one of its own limits (threads, steps) and could not decide.
    case limit
}

public enum BugKind: String, Codable, Sendable, CaseIterable {
    case invariant
    case deadlock
    case potentialDeadlock = "potential-deadlock"
    case dataRace = "data-race"
    /// Two isolates touched the same process-wide global: their module state is not isolated.
    case isolationBreach = "isolation-breach"
    case crash
    case livelock
    case uncontrolled
}

/// One explored scenario: a verdict, and for a bug the minimised failing schedule and its trace.
public struct ScenarioReport: Codable, Sendable, Equatable {
    public var scenario: String
    public var engine: Engine
    public var verdict: Verdict
    public var kind: BugKind?
    /// One plain sentence: what went wrong, or what was explored.
    public var message: String
    /// The compact replayable schedule of the (minimised) failure.
    public var schedule: String?
    public var seed: UInt64
    /// The strategy that ran; for a portfolio, the member that found the bug, e.g. "portfolio/pct(d=2)".
    public var strategy: String
    public var schedulesRun: Int
    public var failuresSeen: Int
    /// Context switches away from a thread that could have continued, in the shown schedule.
    public var preemptions: Int?
    /// Column names of the interleaving table, in column order.
    public var threads: [String]
    public var trace: [TraceStep]
    /// Extra facts for deadlocks, races and hangs, already phrased for a learner.
    public var details: [String]
    /// What the exploration covered, e.g. "all 20 interleavings with ≤ 2 preemptions explored"
    /// or a PCT guarantee "each run finds a depth-2 bug with p ≥ 1/(n·k) = 1/(3·40)".
    public var coverage: String?
    /// Time spent exploring, in seconds. Excluded from determinism comparisons.
    public var elapsed: Double?
    /// Replay only: why the program did not follow the given schedule, e.g. "this schedule does
    /// not match the program: at step 12 thread 3 is not runnable". Nil when it matched.
    public var scheduleMismatch: String?
    /// Scheduling decisions made over all explored schedules (thread engine), for speed figures.
    public var decisions: Int?
    /// Step mode: the state at the decision after the replayed prefix; nil when the program
    /// ended (or failed) within the prefix.
    public var decisionPoint: DecisionPoint?
    /// Outcomes mode: the histogram of the values passed to `outcome(_:)`.
    public var outcomes: OutcomeTally?

    public init(
        scenario: String, engine: Engine, verdict: Verdict, kind: BugKind? = nil, message: String,
        schedule: String? = nil, seed: UInt64, strategy: String, schedulesRun: Int, failuresSeen: Int,
        preemptions: Int? = nil, threads: [String] = [], trace: [TraceStep] = [], details: [String] = [],
        coverage: String? = nil, elapsed: Double? = nil, scheduleMismatch: String? = nil
    ) {
        self.scenario = scenario
        self.engine = engine
        self.verdict = verdict
        self.kind = kind
        self.message = message
        self.schedule = schedule
        self.seed = seed
        self.strategy = strategy
        self.schedulesRun = schedulesRun
        self.failuresSeen = failuresSeen
        self.preemptions = preemptions
        self.threads = threads
        self.trace = trace
        self.details = details
        self.coverage = coverage
        self.elapsed = elapsed
        self.scheduleMismatch = scheduleMismatch
    }
}

/// One row of the interleaving table: one operation by one thread (or one job run by one task).
public struct TraceStep: Codable, Sendable, Equatable {
    /// Index into ``ScenarioReport/threads``.
    public var thread: Int
    /// What happened, e.g. "read balance", "lock(a)", "await auditor.record".
    public var operation: String
    public var file: String?
    public var line: Int?
    /// The value read or written, if any, already formatted.
    public var value: String?
    /// True when the scheduler switched to this thread from another at this step.
    public var contextSwitch: Bool
    /// The actor this job ran on, for the async engine.
    public var actor: String?

    public init(
        thread: Int, operation: String, file: String? = nil, line: Int? = nil, value: String? = nil,
        contextSwitch: Bool = false, actor: String? = nil
    ) {
        self.thread = thread
        self.operation = operation
        self.file = file
        self.line = line
        self.value = value
        self.contextSwitch = contextSwitch
        self.actor = actor
    }
}
