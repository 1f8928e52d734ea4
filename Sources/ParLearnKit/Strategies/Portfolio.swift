/// The default for learners: executions take turns among PCT depth 2, a random walk, PCT depth
/// 3 and PCT depth 1, so ordering bugs, atomicity violations and deadlocks all get a fair share.
struct Portfolio: SchedulingStrategy {
    let seed: UInt64
    private var members: [any SchedulingStrategy]
    private var active = 0

    init(seed: UInt64) {
        self.seed = seed
        members = [
            PCTStrategy(seed: seed, depth: 2), RandomWalk(seed: seed),
            PCTStrategy(seed: seed, depth: 3), PCTStrategy(seed: seed, depth: 1),
        ]
    }

    var name: String { "portfolio/\(members[active].name)" }

    var measuredShape: ExecutionShape {
        members.reduce(into: ExecutionShape()) { $0.include($1.measuredShape) }
    }

    mutating func adopt(_ shape: ExecutionShape) {
        for i in members.indices { members[i].adopt(shape) }
    }

    mutating func beginExecution(index: Int) -> Bool {
        active = index % members.count
        return members[active].beginExecution(index: index)
    }

    mutating func choose(runnable: [Int], current: Int?) -> Int {
        members[active].choose(runnable: runnable, current: current)
    }

    mutating func endExecution(failed: Bool) { members[active].endExecution(failed: failed) }

    func coverage(executions: Int) -> String {
        let pct = (members[0] as? PCTStrategy)?.guarantee ?? ""
        return "\(counted(executions, "schedule")) explored by a portfolio of pct(d=2), random, pct(d=3) and pct(d=1) (seed \(seed)); \(pct). A pass is not a proof."
    }
}
