/// What one execution exposed. Concrete findings end the exploration; latent ones (a data
/// race, an isolation breach, a lock-order inversion) are remembered while the explorer keeps looking for a
/// concrete failure, and reported only if none turns up.
enum Finding: Equatable {
    case invariant(message: String, file: String, line: Int, thread: Int)
    case deadlock([BlockedThread])
    case livelock(steps: Int, spinners: [Int])
    case threadLimit(limit: Int)
    case race(RaceFinding)
    /// Two isolates touched one process-wide global (a ``ProcessGlobal``).
    case breach(RaceFinding)
    case lockOrder([LockEdge])
    /// Found by the watchdog: a thread stopped reaching scheduling points.
    case stuck(thread: Int, spinning: Bool, seconds: Double)

    var kind: BugKind {
        switch self {
        case .invariant: .invariant
        case .deadlock: .deadlock
        case .livelock: .livelock
        case .threadLimit: .uncontrolled
        case .race: .dataRace
        case .breach: .isolationBreach
        case .lockOrder: .potentialDeadlock
        case .stuck(_, let spinning, _): spinning ? .livelock : .uncontrolled
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
