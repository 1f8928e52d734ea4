/// Replays one schedule (a list of chosen ids) and notices when the program leaves it.
struct ReplayStrategy: SchedulingStrategy {
    let choices: [Int]
    private var step = 0
    private var ran = false
    private(set) var divergence: String?
    private var meter = ShapeMeter()

    init(choices: [Int]) { self.choices = choices }

    var name: String { "replay" }
    var isIndexed: Bool { false }
    var measuredShape: ExecutionShape { meter.total }

    mutating func beginExecution(index: Int) -> Bool {
        guard !ran else { return false }
        ran = true
        step = 0
        meter.begin()
        return true
    }

    mutating func choose(runnable: [Int], current: Int?) -> Int {
        meter.step(runnable: runnable)
        defer { step += 1 }
        guard step < choices.count else {
            diverge("the schedule ends after step \(choices.count) but threads \(runnable) still have work")
            return current ?? runnable[0]
        }
        let id = choices[step]
        guard runnable.contains(id) else {
            diverge("at step \(step + 1) thread \(id) is not runnable (runnable: \(runnable))")
            return current ?? runnable[0]
        }
        return id
    }

    mutating func endExecution(failed: Bool) {
        meter.end()
        if step < choices.count {
            diverge("the program ended after step \(step) but the schedule has \(choices.count) steps")
        }
    }

    private mutating func diverge(_ why: String) {
        if divergence == nil { divergence = "this schedule does not match the program: \(why)" }
    }

    func coverage(executions: Int) -> String { "replayed one schedule of \(choices.count) steps" }
}
