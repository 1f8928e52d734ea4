/// A counting semaphore, like `DispatchSemaphore`: `wait` takes a unit, `signal` adds one.
public final class Semaphore: Blocker, @unchecked Sendable {
    // @unchecked: plain mode guards `count` with its monitor; controlled state is used by one
    // running thread at a time.
    /// The name traces and reports use.
    public let name: String
    private var count: Int
    private let backing: Backing<PosixMonitor>
    private var clock = VectorClock()
    private var spin = SpinWatch()

    /// A semaphore starting at `value` units.
    public init(value: Int, _ name: String = "semaphore") {
        precondition(value >= 0, "a semaphore starts with a count of 0 or more")
        self.name = name
        count = value
        backing = .current(PosixMonitor.init)
    }

    /// Waits until the count is positive, then decrements it.
    public func wait() {
        switch backing {
        case .plain(let monitor):
            monitor.withLock {
                while count == 0 { monitor.wait() }
                count -= 1
            }
        case .controlled(let execution):
            let me = execution.point("wait(\(name))", waitingFor: self)
            count -= 1
            spin.changed()
            me.clock.join(clock)
            execution.trace(me, "wait(\(name))", "count \(count)")
        }
    }

    /// Decrements the count if it is positive; never waits.
    public func tryWait() -> Bool {
        switch backing {
        case .plain(let monitor):
            return monitor.withLock {
                guard count > 0 else { return false }
                count -= 1
                return true
            }
        case .controlled(let execution):
            let me = execution.point("tryWait(\(name))")
            let took = count > 0
            if took {
                count -= 1
                spin.changed()
                me.clock.join(clock)
            } else if spin.read(by: me) {
                execution.giveWay(me)  // a retry loop over tryWait
            }
            execution.trace(me, "tryWait(\(name))", "\(took)")
            return took
        }
    }

    /// Increments the count, waking a waiter.
    public func signal() {
        switch backing {
        case .plain(let monitor):
            monitor.withLock { count += 1 }
            monitor.signal()
        case .controlled(let execution):
            let me = execution.point("signal(\(name))")
            count += 1
            spin.changed()
            clock.join(me.clock)
            me.clock.tick(me.id)
            execution.trace(me, "signal(\(name))", "count \(count)")
        }
    }

    func allows(_ thread: ControlledThread) -> Bool { count > 0 }
    var waitDescription: String { "semaphore \(name)" }
    var holder: ControlledThread? { nil }
}
