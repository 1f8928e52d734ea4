import Glibc
import Synchronization

/// A simulated GIL, built the way CPython's `ceval_gil.c` builds the real one: a thread must hold
/// this one lock to run; a thread that waits longer than the switch interval sets a drop request,
/// and the holder gives the lock away at its next ``checkpoint()`` and waits until someone took it.
///
/// CPython checks the drop request between bytecodes. Swift code has no bytecodes, so the lock can
/// only change hands where a program calls ``checkpoint()`` or ``release()`` (the stress harness
/// does so between iterations and around its barriers, as CPython releases the GIL around
/// blocking calls). With no GIL switched on, ``checkpoint()`` costs one nil check.
public final class GlobalInterpreterLock: @unchecked Sendable {  // @unchecked: state guarded by `mutex`
    /// Like `sys.getswitchinterval()`: how long a waiter waits before it asks for the lock.
    public let switchInterval: Duration
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let released = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private let switched = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private let dropRequest = Synchronization.Atomic<Bool>(false)
    private var locked = false
    private var waiting = 0
    private var handOffs = 0

    /// A free GIL whose waiters ask the holder to let go after `switchInterval` (`sys.setswitchinterval`).
    public init(switchInterval: Duration = .milliseconds(5)) {
        self.switchInterval = switchInterval
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(released, nil)
        pthread_cond_init(switched, nil)
    }

    deinit {
        pthread_cond_destroy(switched)
        pthread_cond_destroy(released)
        pthread_mutex_destroy(mutex)
        for pointer in [released, switched] { pointer.deallocate() }
        mutex.deallocate()
    }

    /// The process's GIL when the runner asked for one (`PARLEARN_GIL=1`), else nil.
    public static let process: GlobalInterpreterLock? = {
        guard let raw = getenv(StressRequest.Key.gil.rawValue), String(cString: raw) == "1" else { return nil }
        return GlobalInterpreterLock()
    }()

    /// Gives the process's GIL away if another thread asked for it; free when there is no GIL.
    public static func checkpoint() { process?.checkpoint() }

    /// How many times the lock changed hands.
    public var switches: Int {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return handOffs
    }

    /// Waits for the lock; after each switch interval spent waiting, asks the holder to drop it.
    public func acquire() {
        pthread_mutex_lock(mutex)
        waiting += 1
        while locked {
            let seen = handOffs
            var deadline = timespec()
            clock_gettime(CLOCK_REALTIME, &deadline)
            let nanos = Int(deadline.tv_nsec) + Int(switchInterval.components.attoseconds / 1_000_000_000)
                + Int(switchInterval.components.seconds) * 1_000_000_000
            deadline.tv_sec += nanos / 1_000_000_000
            deadline.tv_nsec = nanos % 1_000_000_000
            if pthread_cond_timedwait(released, mutex, &deadline) == ETIMEDOUT, locked, handOffs == seen {
                dropRequest.store(true, ordering: .relaxed)
            }
        }
        waiting -= 1
        locked = true
        handOffs += 1
        dropRequest.store(false, ordering: .relaxed)
        pthread_cond_broadcast(switched)
        pthread_mutex_unlock(mutex)
    }

    /// Gives the lock up, as CPython does around a blocking call.
    public func release() {
        pthread_mutex_lock(mutex)
        locked = false
        pthread_cond_signal(released)
        pthread_mutex_unlock(mutex)
    }

    /// Drops the lock if a waiter asked for it, waits until another thread has taken it (so the
    /// holder cannot grab it straight back), then waits its turn again.
    public func checkpoint() {
        guard dropRequest.load(ordering: .relaxed) else { return }
        pthread_mutex_lock(mutex)
        let seen = handOffs
        locked = false
        pthread_cond_signal(released)
        while handOffs == seen && waiting > 0 { pthread_cond_wait(switched, mutex) }
        pthread_mutex_unlock(mutex)
        acquire()
    }
}
