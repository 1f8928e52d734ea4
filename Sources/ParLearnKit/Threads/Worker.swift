import Glibc
import Synchronization

/// A pooled OS thread that runs one controlled thread after another. Reusing them keeps
/// thread creation out of the per-schedule cost and memory flat over many schedules.
final class Worker: @unchecked Sendable {
    // @unchecked: `assignment` is written by the thread that wakes this worker, before the
    // wake-up; the semaphore orders it (so no dynamic exclusivity checks on the switch path).
    let parker = Parker()
    @exclusivity(unchecked) var assignment: ControlledThread?
    /// Set when its controlled thread's execution ended while it was parked: it must exit.
    @exclusivity(unchecked) var retired = false
    private(set) var tid: Int32 = 0
    /// OS threads started so far by the engine, to show that they are reused.
    static let started = Synchronization.Atomic<Int>(0)

    /// Starts a worker pinned to `core` (if any) and waits until it knows its kernel thread id.
    static func start(core: Int?) -> Worker {
        let worker = Worker()
        let ready = Parker()
        started.add(1, ordering: .relaxed)
        OSThread.start {
            if let core { OSThread.pin(toCore: core) }
            worker.tid = OSThread.currentTid
            CrashRecords.installAlternateStack()
            ready.unpark()
            worker.loop()
        }
        ready.park()
        return worker
    }

    private func loop() {
        while true {
            parker.park()
            guard let thread = assignment else { return }
            assignment = nil
            thread.execution.run(thread)
        }
    }

    /// Ends the worker's OS thread; it must be idle.
    func stop() {
        assignment = nil
        parker.unpark()
    }
}
