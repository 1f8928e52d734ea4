import Glibc

/// Starts a named thread running `body`, like `Thread` with a name, and returns a handle to
/// wait for its result.
///
/// Under the checker the thread is controlled: it runs only when the scheduler picks it, and
/// its name labels its column in the interleaving table.
///
/// A `background` thread is like a daemon thread (Python's `daemon=True`): the scenario does
/// not wait for it. When every other thread has finished, the scenario ends even if background
/// threads are still looping or waiting, and the report says which were still running.
///
/// ```swift
/// let worker = spawn("T1") { counter.value += 1 }
/// worker.join()
/// spawn("watcher", background: true) { while !done.load(ordering: .acquiring) { yieldNow() } }
/// ```
@discardableResult
public func spawn<T: Sendable>(_ name: String, background: Bool = false,
                               _ body: @escaping @Sendable () -> T) -> JoinHandle<T> {
    let box = JoinHandle<T>.Box()
    guard let me = ControlledThread.current else {
        OSThread.start {
            OSThread.name(name)
            StressHarness.jitterSpawnedThread(named: name)
            box.value = body()
            box.done.unpark()
        }
        return JoinHandle(box: box, thread: nil)
    }
    let execution = me.execution
    guard let child = execution.makeThread(name: name, background: background, body: { box.value = body() }) else {
        execution.abandon(me)
    }
    child.clock.join(me.clock)
    me.clock.tick(me.id)
    execution.trace(me, "spawn \(name)")
    execution.prerun(child, from: me)
    return JoinHandle(box: box, thread: child)
}

/// Waits for a spawned thread and hands over its result, like `pthread_join`.
public final class JoinHandle<T: Sendable>: Sendable {
    final class Box: @unchecked Sendable {
        // @unchecked: written by the thread before it signals `done` (or, controlled, before
        // it finishes), read by the joiner after.
        var value: T?
        let done = Parker()
    }

    private let box: Box
    private let thread: ControlledThread?

    init(box: Box, thread: ControlledThread?) {
        self.box = box
        self.thread = thread
    }

    /// Blocks until the thread has finished and returns what its body returned.
    /// Joining twice returns the same value.
    @discardableResult
    public func join() -> T {
        guard let thread else {
            box.done.park()
            box.done.unpark()  // leave the wake-up for a second join
            return box.value!
        }
        let execution = thread.execution
        let me = execution.point("join \(thread.name)", waitingFor: thread)
        me.clock.join(thread.clock)
        execution.trace(me, "join \(thread.name)")
        return box.value!
    }
}

/// Lets another thread run, like `sched_yield`.
///
/// Under the checker it is a scheduling point after which the thread gives way: it runs again
/// only once every other runnable thread has had a turn (fair scheduling, as CHESS does), and
/// that switch is not counted as a preemption.
public func yieldNow() {
    guard let execution = currentExecution else {
        sched_yield()
        return
    }
    let me = execution.point("yield")
    execution.giveWay(me)
    execution.trace(me, "yield")
}
