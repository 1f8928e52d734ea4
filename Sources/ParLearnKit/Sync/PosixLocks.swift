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

    func withLock<R>(_ body: () throws -> R) rethrows -> R {
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
    func signal() { pthread_cond_signal(raw) }
    func broadcast() { pthread_cond_broadcast(raw) }
}

/// The controlled execution a primitive created now belongs to (nil: plain mode).
var currentExecution: Execution? { ControlledThread.current?.execution }
