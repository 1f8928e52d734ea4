import Glibc

/// Something a controlled thread can wait for: a lock, a thread to join, a semaphore…
protocol Blocker: AnyObject {
    /// Whether `thread`, waiting on this, may proceed now.
    func allows(_ thread: ControlledThread) -> Bool
    /// "lock a", "join T2", "semaphore slots": for deadlock reports.
    var waitDescription: String { get }
    /// The thread that must act to release this, for the wait-for cycle.
    var holder: ControlledThread? { get }
}

/// One logical thread of an execution. It runs on a pooled OS thread (a ``Worker``), but only
/// when the strategy picks it; everything it touches is serialised by the hand-offs.
final class ControlledThread: Blocker, @unchecked Sendable {
    // @unchecked: only the one running controlled thread of an execution touches its state,
    // and every hand-off goes through a semaphore, which orders the memory accesses.
    // For the same reason the fields each decision touches skip dynamic exclusivity checks.
    let id: Int
    let name: String
    /// A background (daemon) thread: the scenario ends when the other threads have ended.
    let background: Bool
    unowned let execution: Execution
    var body: (() -> Void)?
    var worker: Worker!
    /// Nil when the pending operation can proceed.
    @exclusivity(unchecked) var waitingFor: Blocker?
    @exclusivity(unchecked) var finished = false
    /// True from spawn until the thread reaches its first scheduling point.
    @exclusivity(unchecked) var prerunning = true
    /// Who started it and waits for its first scheduling point (nil: the stream's driver).
    var starter: ControlledThread?
    @exclusivity(unchecked) var clock = VectorClock()
    /// Locks held, oldest first, for the lock-order graph.
    var held: [(id: ObjectIdentifier, name: String, step: Int?)] = []
    /// Where the thread waits, in the trace-recording run: shown if it ends in a deadlock.
    /// In step mode, where its pending operation is.
    var waitingFrames: [UInt] = []
    /// Step mode: what the thread does when next chosen.
    var pending: String?
    /// The value `join` returns, boxed by the JoinHandle.
    var result: Any?
    /// Fairness (CHESS): the step count when the thread last gave way (yielded, failed a
    /// try-lock or spun), -1 if it owes nothing. It runs again only after every other runnable
    /// thread has been chosen since.
    @exclusivity(unchecked) var gaveWayAt = -1
    /// The decision at which the thread was last chosen.
    @exclusivity(unchecked) var lastChosen = -1
    /// Writes to shared values so far, and re-reads of unchanged values since then: a thread
    /// that only re-reads what nothing changed is spinning.
    @exclusivity(unchecked) var writes = 0
    @exclusivity(unchecked) var rereads = 0

    init(id: Int, name: String, background: Bool, execution: Execution, body: @escaping () -> Void) {
        self.id = id
        self.name = name
        self.background = background
        self.execution = execution
        self.body = body
        clock.tick(id)
    }

    // Joining waits for the thread to finish.
    func allows(_ thread: ControlledThread) -> Bool { finished }
    var waitDescription: String { "join \(name)" }
    var holder: ControlledThread? { self }

    /// The controlled thread running on this OS thread, if any.
    static var current: ControlledThread? {
        guard let raw = pthread_getspecific(key) else { return nil }
        return Unmanaged<ControlledThread>.fromOpaque(raw).takeUnretainedValue()
    }

    static func setCurrent(_ thread: ControlledThread?) {
        pthread_setspecific(key, thread.map { Unmanaged.passUnretained($0).toOpaque() })
    }

    // A pthread key: learner code runs on our own OS threads, outside any task or actor.
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        precondition(pthread_key_create(&key, nil) == 0, "pthread_key_create failed")
        return key
    }()
}
