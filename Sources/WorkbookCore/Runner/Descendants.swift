import CProcessControl
import Foundation
import Synchronization

/// Keeps a run's descendants from outliving it, including ones that left its process group
/// with `setsid`.
///
/// This process becomes a child subreaper, so a descendant whose parent dies is re-parented here
/// instead of to init. Every run's environment carries ``marker``, which descendants inherit.
/// When a run ends, every child of this process that carries the marker and is not a run still
/// in progress is killed and reaped, generation by generation. A learner process that clears its
/// own environment and escapes is not caught: runs are contained, not sandboxed.
enum Descendants {
    static let marker = "PARLEARN_RUN_CHILD"

    /// Runs in progress, which a sweep must leave alone (`grade` runs several at once).
    private static let live = Mutex<Set<pid_t>>([])
    private static let subreaper: Void = { _ = pl_become_child_subreaper() }()

    static func becomeSubreaper() {
        _ = subreaper
    }

    /// Calls `spawn` and records the child as live in one step, so no sweep sees it unrecorded.
    static func spawning(_ spawn: (inout pid_t) -> Int32) -> (pid: pid_t, error: Int32) {
        live.withLock { live in
            var pid: pid_t = 0
            let error = spawn(&pid)
            if error == 0 { live.insert(pid) }
            return (pid, error)
        }
    }

    /// The run `pid` was reaped: kill what it left behind.
    static func finished(_ pid: pid_t) {
        live.withLock { live in
            live.remove(pid)
            // Each pass kills one generation; a killed orphan's children are re-parented here.
            for _ in 0..<64 {
                let orphans = markedChildren().filter { !live.contains($0) }
                if orphans.isEmpty { return }
                for orphan in orphans { kill(orphan, SIGKILL) }
                for orphan in orphans { waitpid(orphan, nil, 0) }
            }
        }
    }

    /// Children of this process whose environment carries the marker (zombies have none).
    private static func markedChildren() -> [pid_t] {
        let me = getpid()
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        let needle = Data("\(marker)=".utf8)
        return entries.compactMap { name -> pid_t? in
            guard let pid = pid_t(name), parent(of: pid) == me, let environ = environment(of: pid) else { return nil }
            return environ.split(separator: 0).contains { $0.starts(with: needle) } ? pid : nil
        }
    }

    /// The environment block of `pid`. A process in the middle of `exec` shows an empty one for a
    /// moment (its old memory is gone, the new not yet in place): look again rather than take
    /// it for a process that is not the run's, which would outlive the run.
    private static func environment(of pid: pid_t) -> Data? {
        for _ in 0..<200 {
            guard let environ = FileManager.default.contents(atPath: "/proc/\(pid)/environ") else { return nil }
            if !environ.isEmpty || ChildActivity.statFields("/proc/\(pid)/stat")?.first == "Z" { return environ }
            usleep(1_000)
        }
        return Data()
    }

    /// The parent pid: the second field of `/proc/<pid>/stat` after the command name.
    private static func parent(of pid: pid_t) -> pid_t? {
        ChildActivity.statFields("/proc/\(pid)/stat").flatMap { $0.count > 1 ? pid_t($0[1]) : nil }
    }
}
