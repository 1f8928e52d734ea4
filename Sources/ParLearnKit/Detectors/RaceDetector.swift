/// One access to a shared variable: who, at which epoch of its clock, and which trace step.
struct Access: Equatable {
    var thread: Int
    var epoch: UInt32
    var isWrite: Bool
    /// The trace step of the access, in the trace-recording run only.
    var step: Int?
}

/// Two accesses to the same variable, at least one a write, unordered by happens-before.
struct RaceFinding: Equatable {
    var variable: String
    var earlier: Access
    var later: Access
}

/// FastTrack-style state of one `Shared` variable (Flanagan & Freund, PLDI 2009): the last
/// write as an epoch, and the reads since it, one epoch per thread. Writes to a race-free
/// variable are totally ordered, so one epoch suffices for them.
struct AccessHistory {
    private var lastWrite: Access?
    private var reads: [Access] = []

    /// Records a read by `thread` with clock `clock`; returns the race it forms, if any.
    mutating func read(by thread: Int, clock: VectorClock, step: Int?) -> (earlier: Access, later: Access)? {
        let access = Access(thread: thread, epoch: clock[thread], isWrite: false, step: step)
        var race: (Access, Access)?
        if let w = lastWrite, w.thread != thread, w.epoch > clock[w.thread] { race = (w, access) }
        if let i = reads.firstIndex(where: { $0.thread == thread }) { reads[i] = access } else { reads.append(access) }
        return race
    }

    /// Records a write; returns the race with an unordered earlier write or read, if any.
    mutating func write(by thread: Int, clock: VectorClock, step: Int?) -> (earlier: Access, later: Access)? {
        let access = Access(thread: thread, epoch: clock[thread], isWrite: true, step: step)
        var race: (Access, Access)?
        if let w = lastWrite, w.thread != thread, w.epoch > clock[w.thread] { race = (w, access) }
        if race == nil, let r = reads.first(where: { $0.thread != thread && $0.epoch > clock[$0.thread] }) {
            race = (r, access)
        }
        lastWrite = access
        reads.removeAll(keepingCapacity: true)
        return race
    }
}
