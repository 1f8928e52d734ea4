import Glibc

/// A time budget counted in CPU time: every thread's time on a core, added up, this process's
/// (`CLOCK_PROCESS_CPUTIME_ID`) and its reaped children's (the process engine's forked workers). Every budget of the checker is counted this way, never in wall
/// time: a loaded machine delays the process without making it work, so it cannot end an
/// exploration sooner and change the verdict of a seed.
struct CPUDeadline: Sendable {
    private let end: Double

    init(seconds: Double) { end = Self.now + seconds }

    var hasPassed: Bool { Self.now >= end }

    /// CPU seconds this process and its reaped children have used so far.
    static var now: Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        var children = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &children)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9 + seconds(children.ru_utime) + seconds(children.ru_stime)
    }
}
