/// Picks which runnable thread (or task) goes next at each scheduling point.
///
/// Both engines drive a strategy through the same calls, so random walk, PCT, DFS and
/// replay are written once. Ids are small integers in creation order: 0 is the scenario's first
/// thread or task. The same strategy state and the same seed always yield the same choices.
///
/// Parallel exploration: a strategy whose ``isIndexed`` is true makes execution `i` a pure
/// function of (seed, i, the adopted ``ExecutionShape``), so an engine may hand the indices to
/// several streams and still get the verdict of a serial run (the failing execution with the
/// lowest index wins).
public protocol SchedulingStrategy {
    /// A short name for reports: "random", "pct(d=2)", "dfs(P=2)", "replay", "portfolio/pct(d=2)".
    /// For a portfolio it names the member that ran the last begun execution.
    var name: String { get }

    /// True when execution `i` depends only on the seed, `i` and the adopted shape.
    var isIndexed: Bool { get }

    /// Starts execution number `index`. Returns false when nothing is left to explore
    /// (DFS has covered its bounded space, or replay has run its one schedule).
    mutating func beginExecution(index: Int) -> Bool

    /// Chooses one of `runnable` (ascending, never empty). `current` is the id that made the
    /// last step, if it is still runnable; choosing another one is a preemption.
    mutating func choose(runnable: [Int], current: Int?) -> Int

    /// Ends the execution begun last; `failed` tells whether it exposed a bug.
    mutating func endExecution(failed: Bool)

    /// The size of the executions seen so far (threads and steps), for PCT's parameters.
    var measuredShape: ExecutionShape { get }

    /// Takes the shape measured by execution 0 (the engine runs it first, alone), so that every
    /// parallel stream uses the same PCT parameters.
    mutating func adopt(_ shape: ExecutionShape)

    /// For replay: why the program left the schedule, e.g. "at step 12 thread 3 is not runnable".
    var divergence: String? { get }

    /// What `executions` finished executions covered, phrased for a learner.
    func coverage(executions: Int) -> String
}

/// How big an execution is: PCT's n (threads) and k (steps).
public struct ExecutionShape: Sendable, Equatable {
    /// The most threads one execution ran.
    public var threads: Int
    /// The most scheduling decisions one execution made.
    public var steps: Int

    /// A shape of `threads` threads and `steps` steps.
    public init(threads: Int = 0, steps: Int = 0) {
        self.threads = threads
        self.steps = steps
    }

    /// Grows to cover one more execution.
    mutating func include(_ other: ExecutionShape) {
        threads = max(threads, other.threads)
        steps = max(steps, other.steps)
    }
}

extension SchedulingStrategy {
    /// By default a strategy's executions are numbered and replayable by index.
    public var isIndexed: Bool { true }
    /// By default a strategy needs no shape.
    public mutating func adopt(_ shape: ExecutionShape) {}
    /// By default a strategy never diverges from its plan.
    public var divergence: String? { nil }
}

/// Counts the threads and steps of the running execution; strategies embed one.
struct ShapeMeter {
    private(set) var total = ExecutionShape()
    private var current = ExecutionShape()

    mutating func begin() { current = ExecutionShape() }

    mutating func step(runnable: [Int]) {
        current.steps += 1
        if let last = runnable.last, last + 1 > current.threads { current.threads = last + 1 }
    }

    mutating func end() { total.include(current) }

    var steps: Int { current.steps }
}

/// Builds the strategy a request asks for. Both engines use it so that `--strategy` means the
/// same thing everywhere. Replay requests get a ``ReplayStrategy`` of the decoded schedule.
func makeStrategy(request: RunRequest, engine: Character = "T") throws(ScheduleString.Invalid) -> any SchedulingStrategy {
    if request.mode == .replay || request.mode == .step, let text = request.schedule {
        return ReplayStrategy(choices: try ScheduleString.decode(text, engine: engine))
    }
    switch request.strategy {
    case .random: return RandomWalk(seed: request.seed)
    case .pct: return PCTStrategy(seed: request.seed, depth: request.depth)
    case .dfs: return BoundedDFS(preemptionBound: request.preemptionBound)
    case .portfolio: return Portfolio(seed: request.seed)
    }
}
