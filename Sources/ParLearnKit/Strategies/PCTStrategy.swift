/// Probabilistic Concurrency Testing (Burckhardt et al., ASPLOS 2010) with depth d.
///
/// Each thread gets a distinct random priority; d − 1 change points are drawn from [1, k];
/// the highest-priority runnable thread always runs, and at change point i the running thread
/// drops to priority i − d, below every initial one. A run then finds a bug of depth d with
/// probability at least 1/(n·k^(d−1)) for n threads and k steps.
///
/// Execution 0 measures n and k: it runs without preemptions (the current thread continues,
/// otherwise the lowest id). After 2k + 100 steps a run switches to a random suffix, so a spin
/// loop that waits for a starved thread ends ("fair PCT", as Coyote does) instead of being
/// reported as a livelock.
struct PCTStrategy: SchedulingStrategy {
    let seed: UInt64
    let depth: Int
    private var shape: ExecutionShape?
    private var rng = SplitMix64(seed: 0)
    private var priorities: [Int: Int] = [:]
    private var changePoints: [Int] = []
    /// The thread chosen at the previous step, which a change point demotes even when it has
    /// just blocked (a `wait`), so no change point is lost.
    private var last: Int?
    private var meter = ShapeMeter()

    init(seed: UInt64, depth: Int) {
        self.seed = seed
        self.depth = max(1, depth)
    }

    var name: String { "pct(d=\(depth))" }
    var measuredShape: ExecutionShape { shape ?? meter.total }

    mutating func adopt(_ shape: ExecutionShape) { self.shape = shape }

    mutating func beginExecution(index: Int) -> Bool {
        rng = SplitMix64(seed: seed, index: index)
        priorities = [:]
        last = nil
        meter.begin()
        let k = max(1, shape?.steps ?? 1)
        changePoints = (0..<(depth - 1)).map { _ in 1 + rng.below(k) }
        return true
    }

    mutating func choose(runnable: [Int], current: Int?) -> Int {
        meter.step(runnable: runnable)
        guard let shape else { return current ?? runnable[0] }
        if let i = changePoints.firstIndex(of: meter.steps), let victim = current ?? last {
            priorities[victim] = i - depth
        }
        if runnable.count == 1 {
            last = runnable[0]
            return runnable[0]
        }
        if meter.steps > 2 * shape.steps + 100 { return runnable[rng.below(runnable.count)] }
        var best = runnable[0]
        var bestPriority = Int.min
        for id in runnable {
            let p = priority(of: id)
            if p > bestPriority { (best, bestPriority) = (id, p) }
        }
        last = best
        return best
    }

    /// Initial priorities are random and distinct, drawn when a thread first shows up, as in
    /// Shuttle; ties are impossible because the id breaks them.
    private mutating func priority(of id: Int) -> Int {
        if let p = priorities[id] { return p }
        let p = depth + rng.below(1 << 20) * 64 + id
        priorities[id] = p
        return p
    }

    mutating func endExecution(failed: Bool) { meter.end() }

    /// The guarantee with the n and k measured by execution 0.
    var guarantee: String {
        let s = measuredShape
        let n = max(1, s.threads), k = max(1, s.steps)
        let bound = depth == 1 ? "1/n = 1/\(n)" : "1/(n·k\(depth == 2 ? "" : "^\(depth - 1)")) = 1/(\(n)·\(k)\(depth == 2 ? "" : "^\(depth - 1)"))"
        return "PCT depth \(depth): each schedule finds a depth-\(depth) bug with probability ≥ \(bound) (n = \(n) threads, k = \(k) steps measured)"
    }

    func coverage(executions: Int) -> String {
        "\(guarantee); \(counted(executions, "schedule")) explored (seed \(seed)). A pass is not a proof."
    }
}
