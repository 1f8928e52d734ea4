import Foundation
import Synchronization

/// Runs stream drivers and watches them. A controlled thread that reaches no scheduling point
/// is doing something the checker cannot see; the kernel tells which (see ``Stall``).
struct Watchdog {
    var seconds: Double

    /// A stream found stuck: which controlled thread, and whether it burns CPU.
    struct Stuck {
        var stream: Stream
        var thread: Int
        var spinning: Bool
        var choices: [Int]
    }

    /// Runs each job on its own driver thread (pinned like its stream) and waits for all of
    /// them, or returns the first stream that stopped making progress. A stuck driver is left
    /// behind: its controlled thread cannot be stopped from outside.
    func run(_ jobs: [(stream: Stream, job: @Sendable () -> Void)]) -> Stuck? {
        let done = Parker()
        for (stream, job) in jobs {
            OSThread.start {
                if let core = stream.core { OSThread.pin(toCore: core) }
                job()
                done.unpark()
            }
        }
        var remaining = jobs.count
        var stalls = jobs.map { _ in Stall(seconds: seconds, lookEvery: 0.1) }
        while remaining > 0 {
            if done.park(timeout: 0.1) {
                remaining -= 1
                continue
            }
            for (i, (stream, _)) in jobs.enumerated() {
                let state = stalls[i].observe(
                    progress: stream.progress.load(ordering: .relaxed), busy: stream.busy.load(ordering: .acquiring),
                    tid: stream.slot.pointee.tid)
                if state != .moving { return stuck(stream, spinning: state == .spinning) }
            }
        }
        return nil
    }

    private func stuck(_ stream: Stream, spinning: Bool) -> Stuck {
        let slot = stream.slot.pointee
        return Stuck(stream: stream, thread: Int(slot.running), spinning: spinning,
                     choices: (0..<slot.count).map { Int(slot.choices[$0]) })
    }
}

/// Tells, from repeated looks, whether a thread that should reach the scheduler keeps failing
/// to: shared by the thread engine's watchdog and the async engine's job watchdog.
/// - spinning: it used `seconds` of its own CPU time (its thread CPU clock, as
///   `CLOCK_THREAD_CPUTIME_ID` reads it) since the last progress;
/// - blocked: at every look for `seconds` worth of looks it slept (state S or D), its CPU clock
///   did not move and no other thread of the process was runnable: it waits in a real lock,
///   `sleep`, Dispatch or I/O, and nothing here will wake it.
/// Neither verdict reads the wall clock. A thread that only waits for a core makes no CPU time;
/// one that waits for a thread of ours that waits for a core sees that thread runnable; and a
/// loaded machine makes looks come later, never sooner. So load cannot make a thread "stuck".
struct Stall {
    enum State { case moving, spinning, blocked }

    let seconds: Double
    /// The looks in a row that must see the thread blocked.
    private let blockedLooks: Int
    private var progress = -1
    private var tid: Int32 = 0
    private var cpu: Double?
    private var quietLooks = 0

    /// `lookEvery`: the caller's pause between looks, in seconds.
    init(seconds: Double, lookEvery: Double) {
        self.seconds = seconds
        blockedLooks = seconds.isFinite ? max(1, Int((seconds / lookEvery).rounded(.up))) : .max
    }

    /// One look: the progress counter, whether the thread should be making progress now, and
    /// the kernel id of the thread that runs.
    mutating func observe(progress: Int, busy: Bool, tid: Int32) -> State {
        if progress != self.progress || !busy || tid != self.tid {
            (self.progress, self.tid, cpu, quietLooks) = (progress, tid, OSThread.cpuSeconds(tid: tid), 0)
            return .moving
        }
        guard let start = cpu, let now = OSThread.cpuSeconds(tid: tid) else { return .moving }
        if now - start >= seconds { return .spinning }
        guard now == start, let state = OSThread.kernelState(tid: tid), state == "S" || state == "D",
              !OSThread.othersRunnable() else {
            quietLooks = 0
            return .moving
        }
        quietLooks += 1
        return quietLooks >= blockedLooks ? .blocked : .moving
    }
}
