/// Exhaustive depth-first enumeration of every interleaving with at most P preemptions.
///
/// A preemption is choosing another thread while the current one could continue; choices made
/// because the current thread blocked or finished are free. The tree is explored with the
/// non-preemptive child first, so the first failure found has as few preemptions as DFS order
/// allows, and ``finished`` turns true exactly when the bounded space is covered.
/// Not indexed: each execution depends on the one before, so it runs on one stream.
struct BoundedDFS: SchedulingStrategy {
    /// One decision: the options allowed there (in exploration order) and which one is taken.
    private struct Decision {
        var options: [Int]
        var taken: Int
        var current: Int?
    }

    let preemptionBound: Int
    private var path: [Decision] = []
    private var depth = 0
    private var preemptions = 0
    private var started = false
    private(set) var finished = false
    private var meter = ShapeMeter()
    private(set) var nondeterminism: String?

    init(preemptionBound: Int) { self.preemptionBound = max(0, preemptionBound) }

    var name: String { "dfs(P=\(preemptionBound))" }
    var isIndexed: Bool { false }
    var measuredShape: ExecutionShape { meter.total }
    var divergence: String? { nondeterminism }

    mutating func beginExecution(index: Int) -> Bool {
        if started && !advance() { finished = true }
        started = true
        guard !finished else { return false }
        depth = 0
        preemptions = 0
        meter.begin()
        return true
    }

    mutating func choose(runnable: [Int], current: Int?) -> Int {
        meter.step(runnable: runnable)
        defer { depth += 1 }
        if depth < path.count {
            let decision = path[depth]
            let id = decision.options[decision.taken]
            if runnable.contains(id) {
                if let current, id != current { preemptions += 1 }
                return id
            }
            // The program did something else on the same prefix: stop trusting the old subtree.
            nondeterminism = "at step \(depth + 1) the program offered threads \(runnable) where an earlier run offered \(decision.options)"
            path.removeSubrange(depth...)
        }
        var options: [Int]
        if let current {
            options = [current]
            if preemptions < preemptionBound { options += runnable.filter { $0 != current } }
        } else {
            options = runnable
        }
        path.append(Decision(options: options, taken: 0, current: current))
        return options[0]
    }

    mutating func endExecution(failed: Bool) {
        meter.end()
        if depth < path.count { path.removeSubrange(depth...) }
    }

    /// Moves to the next unexplored leaf: the deepest decision with an untried option.
    private mutating func advance() -> Bool {
        while let last = path.last {
            if last.taken + 1 < last.options.count {
                path[path.count - 1].taken += 1
                return true
            }
            path.removeLast()
        }
        return false
    }

    func coverage(executions: Int) -> String {
        finished
            ? "all \(executions) interleavings with ≤ \(preemptionBound) preemptions explored"
            : "\(executions) interleavings with ≤ \(preemptionBound) preemptions explored; the budget ended before the bounded space did"
    }
}
