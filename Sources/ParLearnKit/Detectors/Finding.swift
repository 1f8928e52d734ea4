/// What one execution exposed. Concrete findings end the exploration; latent ones (a data
/// race, an isolation breach, a lock-order inversion) are remembered while the explorer keeps looking for a
/// concrete failure, and reported only if none turns up.
enum Finding: Equatable {
    case invariant(message: String, file: String, line: Int, thread: Int)
    case deadlock([BlockedThread])
    /// `cycle`: the turns that repeat at the end (empty when they have no short period).
    case livelock(steps: Int, spinners: [Int], cycle: [Int])
    /// Limits of the checker, not bugs of the program: too many threads, too many steps.
    case threadLimit(limit: Int)
    case stepLimit(limit: Int)
    case race(RaceFinding)
    /// Two isolates touched one process-wide global (a ``ProcessGlobal``).
    case breach(RaceFinding)
    case lockOrder([LockEdge])
    /// Found by the watchdog: a thread stopped reaching scheduling points.
    case stuck(thread: Int, spinning: Bool, seconds: Double)
    /// A process died (process engine): how, already phrased.
    case crashed(thread: Int, description: String)
    /// A process's body threw an error nobody caught (process engine).
    case uncaught(thread: Int, message: String)

    var kind: BugKind {
        switch self {
        case .invariant: .invariant
        case .deadlock: .deadlock
        case .livelock: .livelock
        case .threadLimit, .stepLimit: .uncontrolled
        case .race: .dataRace
        case .breach: .isolationBreach
        case .lockOrder: .potentialDeadlock
        case .stuck(_, let spinning, _): spinning ? .livelock : .uncontrolled
        case .crashed: .crash
        case .uncaught: .invariant
        }
    }

    /// Whether `other` is the same bug, as the minimiser and the trace replay must keep it:
    /// the same kind at the same place with the same threads (the same failed check in the
    /// same thread, the same blocked threads and waits, the same spinners and turns, the same
    /// racing variable and threads, the same locks in the cycle).
    func isSameBug(as other: Finding) -> Bool {
        switch (self, other) {
        case let (.invariant(_, file, line, thread), .invariant(_, file2, line2, thread2)):
            return file == file2 && line == line2 && thread == thread2
        case let (.deadlock(a), .deadlock(b)):
            return a.map { [$0.thread: $0.waitsFor] } == b.map { [$0.thread: $0.waitsFor] }
        case let (.livelock(_, spinners, cycle), .livelock(_, spinners2, cycle2)):
            // A random walk's livelock has no short period: then the spinners identify it.
            return spinners == spinners2 && (cycle.isEmpty || cycle == cycle2)
        case let (.race(a), .race(b)):
            return a.variable == b.variable
                && Set([a.earlier.thread, a.later.thread]) == Set([b.earlier.thread, b.later.thread])
        case let (.lockOrder(a), .lockOrder(b)):
            return Set(a.map(\.from)) == Set(b.map(\.from))
        default:
            return self == other
        }
    }

    /// Reported with the verdict `limit`: the checker could not decide, the program may be fine.
    var isCheckerLimit: Bool {
        switch self {
        case .threadLimit, .stepLimit: true
        default: false
        }
    }
}

/// A thread found blocked at a deadlock: what it waits for and who holds that, if anyone.
struct BlockedThread: Equatable {
    var thread: Int
    var waitsFor: String
    /// The thread that must act first: the lock's owner, or the thread being joined.
    var holder: Int?
    /// Whether `holder` owns what is waited for (a lock), as opposed to being joined.
    var holderOwns: Bool
}

extension Finding {
    /// The turns that repeat at the end of a livelocked schedule, e.g. [1, 2] for two threads
    /// in strict alternation, rotated to start at the lowest id; empty if the last 1,000
    /// choices have no period of at most 256.
    static func repeatingTurns(in schedule: [Int]) -> [Int] {
        let choices = Array(schedule.suffix(1000))
        let window = choices.count
        guard window > 0, let period = (1...min(256, max(1, window / 2))).first(where: { p in
            (p..<window).allSatisfy { choices[$0] == choices[$0 - p] }
        }) else { return [] }
        let turns = Array(choices.suffix(period))
        let rotations = (0..<period).map { Array(turns[$0...] + turns[..<$0]) }
        return rotations.min { $0.lexicographicallyPrecedes($1) } ?? turns
    }
}
