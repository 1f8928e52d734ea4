import Glibc
import Synchronization

/// Who is running: the isolate of the current OS thread, with its copy of module state.
final class IsolateContext: Sendable {
    let name: String
    let locals = LocalStore()
    /// The isolate's controlled thread under the checker, set by that thread when it starts.
    let thread = Synchronization.Atomic<Int>(-1)

    init(name: String) { self.name = name }

    /// The isolate this thread runs in; nil on the main thread and on plain `spawn`ed threads,
    /// which belong to the main isolate.
    static var current: IsolateContext? {
        guard let raw = pthread_getspecific(key) else { return nil }
        return Unmanaged<IsolateContext>.fromOpaque(raw).takeUnretainedValue()
    }

    /// Installs `context` on this OS thread (the isolate keeps it alive while it runs).
    static func enter(_ context: IsolateContext?) {
        pthread_setspecific(key, context.map { Unmanaged.passUnretained($0).toOpaque() })
    }

    // A pthread key: isolates run on the kit's own OS threads, outside tasks and actors.
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        precondition(pthread_key_create(&key, nil) == 0, "pthread_key_create failed")
        return key
    }()

    /// The main isolate's copies in a plain run (under the checker each schedule has its own).
    static let plainMain = LocalStore()

    /// The copies of per-isolate state the caller sees, in `execution` (nil: a plain run).
    static func locals(in execution: Execution?) -> LocalStore {
        current?.locals ?? execution?.isolation.mainLocals ?? plainMain
    }

    /// The id the checker knows the caller's isolate by: the isolate's thread, or the main
    /// thread (0) outside any isolate.
    static func isolateThread() -> Int {
        current.map { $0.thread.load(ordering: .relaxed) } ?? 0
    }
}

/// One isolate's copies of ``IsolateLocal`` values.
final class LocalStore: @unchecked Sendable {
    // @unchecked: `values` is only touched under `lock` (threads an isolate spawns share its copy).
    private let lock = PosixMutex()
    private var values: [ObjectIdentifier: any Sendable] = [:]

    func get<Value: Sendable>(_ key: ObjectIdentifier, initial: Value) -> Value {
        lock.withLock { values[key] as? Value ?? initial }
    }

    func set<Value: Sendable>(_ key: ObjectIdentifier, _ value: Value) {
        lock.withLock { values[key] = value }
    }
}

/// Per-schedule isolation state: fresh for every schedule, so no schedule sees another's writes.
final class IsolationState {
    let mainLocals = LocalStore()
    private var globals: [ObjectIdentifier: AnyObject] = [:]

    func global<State: AnyObject>(_ key: ObjectIdentifier, make: () -> State) -> State {
        if let state = globals[key] as? State { return state }
        let state = make()
        globals[key] = state
        return state
    }
}
