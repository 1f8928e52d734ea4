/// Module state of which every isolate has its own copy, like a module global inside a Python
/// sub-interpreter (PEP 684: each interpreter imports its own copy of every module).
///
/// Declare it once, as a global `let`; each isolate that reads it starts from `initial`, and a
/// write changes only the writer's copy. Code outside any isolate uses the main isolate's copy.
/// Under the checker every read and write is a scheduling point, traced with the isolate's name.
///
/// ```swift
/// let apiKey = IsolateLocal("", "SDK.apiKey")   // one declaration, one copy per isolate
/// apiKey.value = "sk-tenant-a"                   // only this isolate's copy changes
/// ```
///
/// Swift itself has no such thing: a global `var` exists once per process. Only a separate
/// process gives truly separate globals; `@TaskLocal` is the per-task analogue.
public final class IsolateLocal<Value: Sendable>: Sendable {
    /// The name traces use, with the isolate whose copy is touched.
    public let name: String
    private let initial: Value

    /// Declares the state; every isolate's copy starts as `initial`.
    public init(_ initial: Value, _ name: String) {
        self.initial = initial
        self.name = name
    }

    /// The calling isolate's copy; under the checker each get and set is a scheduling point.
    public var value: Value {
        get { read() }
        set { write(newValue) }
    }

    /// Reads the calling isolate's copy.
    public func read() -> Value {
        let execution = currentExecution
        let store = IsolateContext.locals(in: execution)
        let value = store.get(ObjectIdentifier(self), initial: initial)
        if let execution {
            let me = execution.point("read \(name) (\(owner)'s copy)")
            execution.trace(me, "read \(name) (\(owner)'s copy)", "\(value)")
        }
        return value
    }

    /// Writes the calling isolate's copy; no other isolate sees the change.
    public func write(_ newValue: Value) {
        let execution = currentExecution
        if let execution {
            let me = execution.point("write \(name) (\(owner)'s copy) = \(newValue)")
            execution.trace(me, "write \(name) (\(owner)'s copy)", "\(newValue)")
        }
        IsolateContext.locals(in: execution).set(ObjectIdentifier(self), newValue)
    }

    private var owner: String { IsolateContext.current?.name ?? "main" }
}

/// A truly process-wide global: one value for every isolate, like the static state of a C
/// extension that PEP 684 warns about, or a Swift `nonisolated(unsafe) static var`.
///
/// In a plain run it is one unsynchronised variable, so isolates writing it really race.
/// Under the checker each schedule starts from `initial`; every access is a scheduling point,
/// is race-checked, and when two isolates touch it (at least one writing) the checker reports an
/// **isolation breach** naming the variable and both source lines.
///
/// ```swift
/// let sdkKey = ProcessGlobal("", "SDK.apiKey")
/// sdkKey.value = tenant.key     // every other isolate now sees this key
/// ```
public final class ProcessGlobal<Value: Sendable>: @unchecked Sendable {
    // @unchecked: unsynchronised on purpose in plain mode (the lesson); under the checker each
    // schedule has its own state and only one controlled thread runs at a time.
    /// The name traces and breach reports use.
    public let name: String
    private let initial: Value
    private var plain: Value

    /// Declares the global with its value at start (under the checker, at each schedule's start).
    public init(_ initial: Value, _ name: String) {
        self.initial = initial
        plain = initial
        self.name = name
    }

    /// The per-schedule state of the global under the checker.
    private final class State {
        var value: Value
        var history = AccessHistory()
        /// The latest access by each isolate, and its latest write.
        var lastAccess: [Int: Access] = [:]
        var lastWrite: [Int: Access] = [:]
        init(_ value: Value) { self.value = value }
    }

    /// The one process-wide value; under the checker each get and set is a scheduling point.
    public var value: Value {
        get { read() }
        set { write(newValue) }
    }

    /// Reads the process-wide value.
    public func read() -> Value {
        guard let execution = currentExecution else { return plain }
        let state = execution.isolation.global(ObjectIdentifier(self)) { State(initial) }
        let me = execution.point("read global \(name)")
        let step = execution.trace(me, "read global \(name)", "\(state.value)")
        note(Access(thread: IsolateContext.isolateThread(), epoch: 0, isWrite: false, step: step), in: state, execution)
        if let race = state.history.read(by: me.id, clock: me.clock, step: step) {
            execution.noteLatent(.race(RaceFinding(variable: name, earlier: race.earlier, later: race.later)))
        }
        return state.value
    }

    /// Writes the process-wide value: every isolate sees it.
    public func write(_ newValue: Value) {
        guard let execution = currentExecution else {
            plain = newValue
            return
        }
        let state = execution.isolation.global(ObjectIdentifier(self)) { State(initial) }
        let me = execution.point("write global \(name) = \(newValue)")
        state.value = newValue
        let step = execution.trace(me, "write global \(name)", "\(newValue)")
        note(Access(thread: IsolateContext.isolateThread(), epoch: 0, isWrite: true, step: step), in: state, execution)
        if let race = state.history.write(by: me.id, clock: me.clock, step: step) {
            execution.noteLatent(.race(RaceFinding(variable: name, earlier: race.earlier, later: race.later)))
        }
    }

    /// Records an access by an isolate; a write by one isolate and any access by another is a
    /// breach, whatever their order (the global is shared even when no schedule races on it).
    private func note(_ access: Access, in state: State, _ execution: Execution) {
        let others = access.isWrite ? state.lastAccess : state.lastWrite
        if let earlier = others.filter({ $0.key != access.thread }).min(by: { $0.key < $1.key })?.value {
            execution.noteLatent(.breach(RaceFinding(variable: name, earlier: earlier, later: access)))
        }
        state.lastAccess[access.thread] = access
        if access.isWrite { state.lastWrite[access.thread] = access }
    }
}
