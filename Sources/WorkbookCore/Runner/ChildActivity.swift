import Foundation

/// What the kernel says a running child is doing: how much CPU time it has used, and whether
/// anything in its process group is running or waiting for a core. The runner's own-time limit
/// (``ChildProcess/Limit``) is built on these, so that a busy machine, which delays a child
/// without charging it, never decides how a run ends.
struct ChildActivity {
    let pid: pid_t
    /// When the group was last seen with no thread running or runnable, and the child's CPU
    /// time then; nil while something runs.
    private var quietSince: (at: ContinuousClock.Instant, cpu: Double)?
    private var lastLook: ContinuousClock.Instant?

    /// How long the group must stay quiet to count as waiting for good.
    static let quietSeconds = 1.0
    static let lookInterval = Duration.milliseconds(200)

    init(pid: pid_t) { self.pid = pid }

    /// CPU seconds the child has used (all its threads; not its children), nil once it is gone.
    var cpuSeconds: Double? {
        var clock = clockid_t()
        guard clock_getcpuclockid(pid, &clock) == 0 else { return nil }
        var time = timespec()
        guard clock_gettime(clock, &time) == 0 else { return nil }
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// One look at most every ``lookInterval``: true once no thread of the child's process
    /// group has been running or runnable for ``quietSeconds`` and the child used almost no CPU
    /// meanwhile (a timer's wake-ups, not work). A child that only waits for a core on a loaded
    /// machine is runnable (state R), so it is never called idle.
    mutating func isIdle(now: ContinuousClock.Instant = .now) -> Bool {
        if let lastLook, now - lastLook < Self.lookInterval { return false }
        lastLook = now
        guard !Self.anyRunnable(inGroup: pid), let cpu = cpuSeconds else {
            quietSince = nil
            return false
        }
        guard let quiet = quietSince else {
            quietSince = (now, cpu)
            return false
        }
        if cpu - quiet.cpu > Self.quietSeconds / 20 {
            quietSince = (now, cpu)
            return false
        }
        return now - quiet.at >= .seconds(Self.quietSeconds)
    }

    /// True if a thread of a process in group `pgid` is in state R (running or runnable).
    static func anyRunnable(inGroup pgid: pid_t) -> Bool {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for name in entries {
            guard let pid = pid_t(name), let fields = statFields("/proc/\(name)/stat"), fields.count > 2,
                  pid_t(fields[2]) == pgid else { continue }
            let threads = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
            for tid in threads where statFields("/proc/\(pid)/task/\(tid)/stat")?.first == "R" { return true }
        }
        return false
    }

    /// The fields of a `stat` file after the command name, which is in parentheses and may
    /// itself hold spaces or parentheses: state, ppid, pgrp, …
    static func statFields(_ path: String) -> [String]? {
        guard let data = FileManager.default.contents(atPath: path),
              let close = data.lastIndex(of: UInt8(ascii: ")")) else { return nil }
        return data[data.index(after: close)...].split(separator: UInt8(ascii: " "), maxSplits: 4)
            .map { String(decoding: $0, as: UTF8.self) }
    }
}
