/// The controlled state of one lock: owner, re-entry depth, happens-before clock, and the
/// lock-order observations. Lock, RecursiveLock, Mutex and Condition build on it.
final class LockCore: Blocker, @unchecked Sendable {
    // @unchecked: used only by the one running controlled thread of its execution.
    let name: String
    let recursive: Bool
    let execution: Execution
    private(set) var owner: ControlledThread?
    private var depth = 0
    private var clock = VectorClock()
    private var spin = SpinWatch()

    init(name: String, recursive: Bool, execution: Execution) {
        self.name = name
        self.recursive = recursive
        self.execution = execution
    }

    func allows(_ thread: ControlledThread) -> Bool { owner == nil || (recursive && owner === thread) }
    var waitDescription: String { "lock \(name)" }
    var holder: ControlledThread? { owner }

    /// Step mode's view of the lock: its holder and the threads waiting for it.
    func state(kind: String, value: String? = nil) -> PrimitiveState {
        PrimitiveState(kind: kind, name: name, value: value, holder: owner?.name, waiters: execution.waiters(for: self))
    }

    func lock() {
        let me = execution.point("lock(\(name))", waitingFor: self)
        take(me, step: execution.trace(me, "lock(\(name))"), ordering: true)
    }

    func tryLock() -> Bool {
        let me = execution.point("tryLock(\(name))")
        guard allows(me) else {
            // Failing again on a lock nobody took or released since is a retry loop: give way.
            if spin.read(by: me) { execution.giveWay(me) }
            execution.trace(me, "tryLock(\(name))", "false")
            return false
        }
        // A try-lock cannot wait, so it adds no lock-order edge (as lockdep).
        take(me, step: execution.trace(me, "tryLock(\(name))", "true"), ordering: false)
        return true
    }

    /// Makes `me` the owner; the lock must allow it.
    func take(_ me: ControlledThread, step: Int?, ordering: Bool) {
        if owner === me {
            depth += 1
            return
        }
        owner = me
        depth = 1
        spin.changed()
        me.clock.join(clock)
        if ordering {
            execution.lockOrder.acquire(ObjectIdentifier(self), name: name, step: step, thread: me.id, holding: me.held)
            if let cycle = execution.lockOrder.cycle { execution.noteLatent(.lockOrder(cycle)) }
        }
        me.held.append((ObjectIdentifier(self), name, step))
    }

    func unlock() {
        let me = execution.point("unlock(\(name))")
        guard owner === me else {
            execution.invariantFailed(message: "\(me.name) unlocked \(name), which it does not hold", file: "", line: 0)
            return
        }
        execution.trace(me, "unlock(\(name))")
        depth -= 1
        if depth == 0 { release(me) }
    }

    /// Gives the lock up entirely: on the last unlock, and for Condition.wait.
    func release(_ me: ControlledThread) {
        owner = nil
        spin.changed()
        depth = 0
        clock = me.clock
        me.clock.tick(me.id)
        me.held.removeAll { $0.id == ObjectIdentifier(self) }
    }
}

/// Either a real pthread mutex (plain mode) or a controlled lock.
enum LockBackend: @unchecked Sendable {
    // @unchecked: each case is safe on its own terms (a pthread mutex; a controlled core used
    // by one running thread at a time).
    case plain(PosixMutex)
    case controlled(LockCore)

    init(name: String, recursive: Bool) {
        if let execution = currentExecution {
            self = .controlled(LockCore(name: name, recursive: recursive, execution: execution))
        } else {
            self = .plain(PosixMutex(recursive: recursive))
        }
    }

    func lock() {
        switch self {
        case .plain(let m): m.lock()
        case .controlled(let c): c.lock()
        }
    }

    func unlock() {
        switch self {
        case .plain(let m): m.unlock()
        case .controlled(let c): c.unlock()
        }
    }

    func tryLock() -> Bool {
        switch self {
        case .plain(let m): m.tryLock()
        case .controlled(let c): c.tryLock()
        }
    }
}
