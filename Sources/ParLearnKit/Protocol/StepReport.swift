/// What `parlearn step` and `parlearn outcomes` read back from a program, beside the verdict.
/// Field names are part of the JSON contract in `docs/report-format.md`.

/// The state of a scenario at one scheduling decision: every thread with its next operation and
/// the shared primitives. Written in step mode (`PARLEARN_MODE=step`) when the schedule prefix
/// has run and the program waits for the learner's next choice.
public struct DecisionPoint: Codable, Sendable, Equatable {
    /// Decisions already made (the length of the prefix).
    public var step: Int
    public var threads: [PendingThread]
    public var shared: [PrimitiveState]

    public init(step: Int, threads: [PendingThread], shared: [PrimitiveState]) {
        self.step = step
        self.threads = threads
        self.shared = shared
    }

    /// The ids the learner may choose.
    public var runnable: [Int] { threads.filter { $0.status == .runnable }.map(\.id) }
}

/// One thread at a decision point.
public struct PendingThread: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        case runnable, blocked, finished
    }

    /// The id a schedule string names (0 = `main`).
    public var id: Int
    public var name: String
    public var status: Status
    /// What the thread does when chosen: "read hits", "write hits = 1", "lock(a)", "join T1".
    public var operation: String?
    /// For a blocked thread: what it waits for ("lock b") and who holds it.
    public var waitsFor: String?
    public var heldBy: String?
    public var file: String?
    public var line: Int?

    public init(id: Int, name: String, status: Status, operation: String? = nil, waitsFor: String? = nil,
                heldBy: String? = nil, file: String? = nil, line: Int? = nil) {
        self.id = id
        self.name = name
        self.status = status
        self.operation = operation
        self.waitsFor = waitsFor
        self.heldBy = heldBy
        self.file = file
        self.line = line
    }
}

/// A `Shared`, `Atomic`, `Mutex` or `Lock` of the scenario at a decision point.
public struct PrimitiveState: Codable, Sendable, Equatable {
    /// `Shared`, `Atomic`, `Mutex`, `Lock`.
    public var kind: String
    public var name: String
    /// The value (`Shared`, `Atomic`) or the protected state (`Mutex`).
    public var value: String?
    /// The thread that holds the lock, for `Mutex` and `Lock`.
    public var holder: String?
    /// Threads waiting to take the lock.
    public var waiters: [String]

    public init(kind: String, name: String, value: String? = nil, holder: String? = nil, waiters: [String] = []) {
        self.kind = kind
        self.name = name
        self.value = value
        self.holder = holder
        self.waiters = waiters
    }
}

/// How an outcome was annotated by the scenario, as jcstress's `@Outcome(expect:)`.
public enum OutcomeTag: String, Codable, Sendable, CaseIterable {
    case acceptable, forbidden, interesting
}

/// One bar of the outcome histogram: a final value, how many schedules produced it, one of them.
public struct OutcomeCount: Codable, Sendable, Equatable {
    /// The value passed to `outcome(_:)`, or "(deadlock)"-style text when a schedule ended
    /// before reaching it.
    public var value: String
    public var count: Int
    /// The first schedule (in exploration order) that produced it: a replayable witness.
    public var witness: String
    public var tag: OutcomeTag?
    /// The annotation's description.
    public var note: String?

    public init(value: String, count: Int, witness: String, tag: OutcomeTag? = nil, note: String? = nil) {
        self.value = value
        self.count = count
        self.witness = witness
        self.tag = tag
        self.note = note
    }
}

/// Every outcome of a scenario over the schedules run (`PARLEARN_MODE=outcomes`).
public struct OutcomeTally: Codable, Sendable, Equatable {
    /// True when every interleaving was run (DFS finished); false for a sample or a cut-off DFS.
    public var exhaustive: Bool
    /// True when `exhaustive` was asked for but the space outgrew the schedule limit.
    public var truncated: Bool
    public var schedules: Int
    /// Most frequent first; ties in order of first appearance.
    public var outcomes: [OutcomeCount]
    /// Annotated values that no schedule produced.
    public var unseen: [OutcomeCount]
    /// Whether any schedule called `outcome(_:)`; otherwise only how schedules ended is counted.
    public var declared: Bool

    public init(exhaustive: Bool, truncated: Bool, schedules: Int, outcomes: [OutcomeCount], unseen: [OutcomeCount],
                declared: Bool) {
        self.exhaustive = exhaustive
        self.truncated = truncated
        self.schedules = schedules
        self.outcomes = outcomes
        self.unseen = unseen
        self.declared = declared
    }
}
