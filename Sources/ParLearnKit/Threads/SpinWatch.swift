/// Tells a spinning thread from one making progress, for fair scheduling.
///
/// Each shared value (`Shared`, `Atomic`) keeps one: a version that every write bumps and, per
/// thread, what it saw at its last read. A thread that reads a value no one has changed since
/// its own last read, without having written anything itself in between, is re-reading: it is
/// waiting in a loop. After ``rereadsBeforeGivingWay`` such re-reads it gives way, as CHESS's
/// good-samaritan threads do with an explicit yield. Straight-line code rarely reads one
/// unchanged value three times without writing, so ordinary code keeps all its schedules.
struct SpinWatch {
    static let rereadsBeforeGivingWay = 2
    private var version = 0
    /// Per thread id: (version, the thread's write count) at its last read, or -1.
    private var seen: [Int] = []

    /// A write by `thread`: progress.
    mutating func wrote(by thread: ControlledThread) {
        version += 1
        thread.writes += 1
        thread.rereads = 0
    }

    /// A change that is not the changer's progress (a lock taken or released).
    mutating func changed() { version += 1 }

    /// A read by `thread`; true when it should now give way.
    mutating func read(by thread: ControlledThread) -> Bool {
        let stamp = version << 32 | (thread.writes & 0xFFFF_FFFF)
        if thread.id >= seen.count { seen += repeatElement(-1, count: thread.id + 1 - seen.count) }
        guard seen[thread.id] == stamp else {
            seen[thread.id] = stamp
            return false
        }
        thread.rereads += 1
        guard thread.rereads >= Self.rereadsBeforeGivingWay else { return false }
        thread.rereads = 0
        return true
    }
}
