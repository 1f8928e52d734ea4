/// Uniform choice among the runnable threads at every step, seeded per execution.
struct RandomWalk: SchedulingStrategy {
    let seed: UInt64
    private var rng = SplitMix64(seed: 0)
    private var meter = ShapeMeter()

    init(seed: UInt64) { self.seed = seed }

    var name: String { "random" }
    var measuredShape: ExecutionShape { meter.total }

    mutating func beginExecution(index: Int) -> Bool {
        rng = SplitMix64(seed: seed, index: index)
        meter.begin()
        return true
    }

    mutating func choose(runnable: [Int], current: Int?) -> Int {
        meter.step(runnable: runnable)
        return runnable.count == 1 ? runnable[0] : runnable[rng.below(runnable.count)]
    }

    mutating func endExecution(failed: Bool) { meter.end() }

    func coverage(executions: Int) -> String {
        "\(executions) random schedules explored (seed \(seed)). A pass is not a proof."
    }
}
