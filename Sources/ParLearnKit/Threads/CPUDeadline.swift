import Glibc

/// A time budget counted in this process's CPU time (`CLOCK_PROCESS_CPUTIME_ID`: every thread's
/// time on a core, added up). Every budget of the checker is counted this way, never in wall
/// time: a loaded machine delays the process without making it work, so it cannot end an
/// exploration sooner and change the verdict of a seed.
struct CPUDeadline: Sendable {
    private let end: Double

    init(seconds: Double) { end = Self.now + seconds }

    var hasPassed: Bool { Self.now >= end }

    /// CPU seconds this process has used so far.
    static var now: Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
