/// A condition variable used with a ``Lock``, like `NSCondition`/`pthread_cond_t`.
///
/// Always wait in a loop that re-checks the predicate: `while queue.isEmpty { cond.wait(lock) }`.
/// Under the checker there are no spurious wake-ups, but another thread may take the lock
/// between the signal and the waiter's return, which is what makes `if` instead of `while` a
/// findable bug.
public final class Condition: @unchecked Sendable {
    // @unchecked: plain mode is a pthread condition; controlled state is used by one running
    // thread at a time.
    /// The name traces and reports use.
    public let name: String
    private let backing: Backing<PosixCondition>
    fileprivate var waiters: [ControlledThread] = []

    /// A condition named `name` in traces; use it with one `Lock`.
    public init(_ name: String) {
        self.name = name
        backing = .current(PosixCondition.init)
    }

    /// Releases `lock`, waits for a signal, then takes `lock` again before returning.
    /// The caller must hold `lock`.
    public func wait(_ lock: Lock) {
        switch (lock.backend, backing) {
        case (.plain(let mutex), .plain(let condition)):
            condition.wait(mutex)
        case (.controlled(let core), .controlled):
            let me = core.execution.point("wait(\(name)) releases \(lock.name)")
            guard core.owner === me else {
                core.execution.invariantFailed(message: "\(me.name) waited on \(name) without holding \(lock.name)", file: "", line: 0)
                return
            }
            core.execution.trace(me, "wait(\(name)) releases \(lock.name)")
            core.release(me)
            waiters.append(me)
            let wake = Wakeup(condition: self, lock: core, thread: me)
            core.execution.point("wake up, lock(\(lock.name))", waitingFor: wake)
            core.take(me, step: core.execution.trace(me, "woken by \(name), lock(\(lock.name))"), ordering: false)
        default:
            preconditionFailure("condition \(name) and lock \(lock.name) were made in different modes: "
                                + "one inside a scenario, the other outside")
        }
    }

    /// Wakes one waiting thread (the longest waiting), if any.
    public func signal() {
        switch backing {
        case .plain(let condition): condition.signal()
        case .controlled(let execution):
            let me = execution.point("signal(\(name))")
            execution.trace(me, "signal(\(name))", waiters.isEmpty ? "no waiter" : "wakes \(waiters[0].name)")
            if !waiters.isEmpty { waiters.removeFirst() }
        }
    }

    /// Wakes every waiting thread.
    public func broadcast() {
        switch backing {
        case .plain(let condition): condition.broadcast()
        case .controlled(let execution):
            let me = execution.point("broadcast(\(name))")
            execution.trace(me, "broadcast(\(name))", waiters.isEmpty ? "no waiter" : "wakes \(waiters.map(\.name).joined(separator: ", "))")
            waiters.removeAll()
        }
    }

    /// A waiter may go on once signalled and the lock is free.
    private final class Wakeup: Blocker {
        let condition: Condition
        let lock: LockCore
        let thread: ControlledThread

        init(condition: Condition, lock: LockCore, thread: ControlledThread) {
            self.condition = condition
            self.lock = lock
            self.thread = thread
        }

        private var signalled: Bool { !condition.waiters.contains { $0 === thread } }
        func allows(_ thread: ControlledThread) -> Bool { signalled && lock.allows(thread) }
        var waitDescription: String { signalled ? "lock \(lock.name) (after a signal on \(condition.name))" : "a signal on condition \(condition.name)" }
        var holder: ControlledThread? { signalled ? lock.owner : nil }
    }
}
