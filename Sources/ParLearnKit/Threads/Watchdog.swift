import Foundation
import Synchronization

/// Runs stream drivers and watches them. A controlled thread that reaches no scheduling point
/// for `seconds` is doing something the checker cannot see; the kernel tells which: state R
/// means it is spinning, S or D that it sleeps in a real lock, `sleep`, Dispatch or I/O.
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
        var seen = jobs.map { (progress: $0.stream.progress.load(ordering: .relaxed), since: Date()) }
        while remaining > 0 {
            if done.park(timeout: 0.1) {
                remaining -= 1
                continue
            }
            for (i, (stream, _)) in jobs.enumerated() {
                let progress = stream.progress.load(ordering: .relaxed)
                if progress != seen[i].progress || !stream.busy.load(ordering: .acquiring) {
                    seen[i] = (progress, Date())
                } else if Date().timeIntervalSince(seen[i].since) > seconds {
                    return stuck(stream)
                }
            }
        }
        return nil
    }

    private func stuck(_ stream: Stream) -> Stuck {
        let slot = stream.slot.pointee
        let state = OSThread.kernelState(tid: slot.tid)
        return Stuck(stream: stream, thread: Int(slot.running), spinning: state == "R",
                     choices: (0..<slot.count).map { Int(slot.choices[$0]) })
    }
}
