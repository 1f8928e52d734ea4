import Glibc

/// The real pthread mutex behind plain-mode locks. Heap-allocated so its address never moves.
final class PosixMutex: @unchecked Sendable {
    // @unchecked: a pthread mutex is the synchronisation itself.
    let raw: UnsafeMutablePointer<pthread_mutex_t>

    init(recursive: Bool = false) {
        raw = .allocate(capacity: 1)
        var attributes = pthread_mutexattr_t()
        pthread_mutexattr_init(&attributes)
        if recursive { pthread_mutexattr_settype(&attributes, Int32(PTHREAD_MUTEX_RECURSIVE)) }
        pthread_mutex_init(raw, &attributes)
        pthread_mutexattr_destroy(&attributes)
    }

    deinit {
        pthread_mutex_destroy(raw)
        raw.deallocate()
    }

    func lock() { pthread_mutex_lock(raw) }
    func unlock() { pthread_mutex_unlock(raw) }
    func tryLock() -> Bool { pthread_mutex_trylock(raw) == 0 }

    func withLock<R, E: Error>(_ body: () throws(E) -> R) throws(E) -> R {
        lock()
        defer { unlock() }
        return try body()
    }
}

/// The real condition variable behind plain-mode Condition, Semaphore and Channel.
final class PosixCondition: @unchecked Sendable {
    // @unchecked: a pthread condition is the synchronisation itself.
    private let raw: UnsafeMutablePointer<pthread_cond_t>

    init() {
        raw = .allocate(capacity: 1)
        pthread_cond_init(raw, nil)
    }

    deinit {
        pthread_cond_destroy(raw)
        raw.deallocate()
    }

    func wait(_ mutex: PosixMutex) { pthread_cond_wait(raw, mutex.raw) }

    /// Waits until signalled or until `deadline` (the realtime clock) passes; false on the latter.
    func wait(_ mutex: PosixMutex, until deadline: timespec) -> Bool {
        var deadline = deadline
        return pthread_cond_timedwait(raw, mutex.raw, &deadline) != ETIMEDOUT
    }

    /// The realtime clock `seconds` from now, for ``wait(_:until:)``.
    static func deadline(in seconds: Double) -> timespec {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let nanoseconds = Int(now.tv_nsec) + Int(seconds.truncatingRemainder(dividingBy: 1) * 1e9)
        return timespec(tv_sec: now.tv_sec + Int(seconds) + nanoseconds / 1_000_000_000,
                        tv_nsec: nanoseconds % 1_000_000_000)
    }
    func signal() { pthread_cond_signal(raw) }
    func broadcast() { pthread_cond_broadcast(raw) }
}

/// A pthread mutex with its condition: what plain-mode Semaphore, Channel and Future wait on.
final class PosixMonitor: @unchecked Sendable {
    // @unchecked: made of a pthread mutex and condition, which are the synchronisation itself.
    private let mutex = PosixMutex()
    private let condition = PosixCondition()

    /// Runs `body` holding the mutex; `body` may call `wait()`.
    func withLock<R, E: Error>(_ body: () throws(E) -> R) throws(E) -> R { try mutex.withLock(body) }
    func wait() { condition.wait(mutex) }
    /// Waits until signalled or `deadline` passes; false on the latter.
    func wait(until deadline: timespec) -> Bool { condition.wait(mutex, until: deadline) }
    func signal() { condition.signal() }
    func broadcast() { condition.broadcast() }
}

/// The controlled execution a primitive created now belongs to (nil: plain mode).
var currentExecution: Execution? { ControlledThread.current?.execution }

/// What a primitive runs on, fixed when it is made: real pthread objects in plain mode, or the
/// controlled execution of the scenario it was made in.
enum Backing<Plain> {
    case plain(Plain)
    case controlled(Execution)

    /// Controlled inside a scenario; otherwise the plain objects `make` builds.
    static func current(_ make: () -> Plain) -> Backing {
        currentExecution.map { .controlled($0) } ?? .plain(make())
    }
}
