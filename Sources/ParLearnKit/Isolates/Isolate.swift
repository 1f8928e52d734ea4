/// A named isolate: its own thread, its own copy of ``IsolateLocal`` state, and work that
/// arrives only as shareable values. Swift has no sub-interpreters; this models PEP 734's
/// `concurrent.interpreters.Interpreter` with what Swift has (threads, `Sendable`, `sending`).
///
/// | Python (PEP 734) | here |
/// |---|---|
/// | `interp = interpreters.create()` | `let a = Isolate("A")` |
/// | `interp.call_in_thread(f)` | `a.run { … }` returns a ``Future`` |
/// | `interp.call(f, *args)` | `try a.call { … }`, `try a.call(function, argument)` |
/// | `ExecutionFailed` | ``IsolateError/executionFailed(isolate:errorType:message:)`` |
/// | `interp.close()` | `a.close()` |
///
/// Work runs in order, one job at a time, on the isolate's own OS thread, so isolates run truly
/// in parallel. Under the checker the isolate is a controlled thread whose column carries its
/// name, and every queue operation, buffer access and per-isolate state access is a
/// scheduling point. An isolate still waiting for work when the program ends is closed then.
///
/// A thrown error stays in the isolate and comes back to the caller; the other isolates go
/// on. A trap (`fatalError`, an index out of range) ends the whole process, as a crash in a C
/// extension ends every Python interpreter: isolates share one process.
///
/// ```swift
/// let a = Isolate("A")
/// let sum = a.run { (1...100).reduce(0, +) }
/// print(try sum.value())        // 5050
/// ```
public final class Isolate: Sendable {
    /// The name its column, its traces and its errors carry.
    public let name: String
    private let mailbox: Channel<Job>
    private let context: IsolateContext
    private let thread: JoinHandle<Void>

    /// Creates the isolate and starts its thread (under the checker, a spawn).
    public init(_ name: String) {
        self.name = name
        let mailbox = Channel<Job>(capacity: Int.max, name, verbs: ("submit to %", "start"), kind: "isolate",
                                   idle: true)
        let context = IsolateContext(name: name)
        self.mailbox = mailbox
        self.context = context
        thread = spawn(name) {
            context.thread.store(ControlledThread.current?.id ?? -1, ordering: .relaxed)
            IsolateContext.enter(context)
            while let job = mailbox.receive() { job.body() }
            IsolateContext.enter(nil)
        }
    }

    /// Runs `body` in this isolate after the work already given to it (≈ `call_in_thread`).
    /// The result must be shareable; a thrown error comes back as `executionFailed`.
    public func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) -> Future<T> {
        submit(label: "job", body)
    }

    /// Runs `body` here and waits for its result (≈ `Interpreter.call`).
    public func call<T: Sendable>(_ body: @escaping @Sendable () throws -> T) throws(IsolateError) -> T {
        try run(body).value()
    }

    /// Runs a named function on `argument` here; the argument must be shareable.
    public func run<Argument: Sendable, T: Sendable>(_ function: WorkFunction<Argument, T>,
                                                     _ argument: Argument) -> Future<T> {
        do {
            try Shareability.check(argument)
        } catch {
            return Future(failed: error, label: function.name)
        }
        return submit(label: function.name) { try function.body(argument) }
    }

    /// Runs a named function on `argument` here and waits for its result.
    public func call<Argument: Sendable, T: Sendable>(_ function: WorkFunction<Argument, T>,
                                                      _ argument: Argument) throws(IsolateError) -> T {
        try run(function, argument).value()
    }

    /// Hands `value` over to this isolate: the caller gives it up, so it need not be `Sendable`
    /// and is neither copied nor shared. The compiler rejects any later use by the caller.
    public func run<Value, T: Sendable>(handing value: sending Value,
                                        _ body: @escaping @Sendable (sending Value) throws -> T) -> Future<T> {
        let handed = Handover(value)
        return submit(label: "handed-over job") { try body(handed.take()) }
    }

    /// Closes the isolate and waits for its thread to end, like `Interpreter.close()`: the work
    /// already given to it still runs first, later work fails with ``IsolateError/closed(_:)``.
    /// Call it from outside the isolate (from inside, it would wait for itself).
    public func close() {
        mailbox.close()
        thread.join()
    }

    private func submit<T: Sendable>(label: String, _ body: @escaping @Sendable () throws -> T) -> Future<T> {
        let future = Future<T>(label: label)
        let name = name
        let job = Job(label: label) { future.fulfil(worker: name, isolated: true, body) }
        do {
            try mailbox.send(job)
        } catch {
            future.complete(.failure(.closed("isolate \(name)")))
        }
        return future
    }
}

/// A unit of work in an isolate's mailbox; its label names it in traces.
struct Job: Sendable, CustomStringConvertible {
    let label: String
    let body: @Sendable () -> Void
    var description: String { label }
}

/// A non-`Sendable` value on its way to another isolate.
private final class Handover<Value>: @unchecked Sendable {
    // @unchecked: the value arrived as `sending`, so the caller can no longer reach it; only the
    // receiving isolate takes it, once.
    private var value: Value?
    init(_ value: sending Value) { self.value = value }
    func take() -> Value {
        defer { value = nil }
        return value!
    }
}

/// A function with a name, so that isolates, threads and pools can run it on an argument and
/// traces can name it (≈ a module-level function passed to `InterpreterPoolExecutor.submit`).
///
/// ```swift
/// let square = WorkFunction("square") { (n: Int) in n * n }
/// ```
public struct WorkFunction<Argument: Sendable, Output: Sendable>: Sendable {
    /// The name traces and job labels use.
    public let name: String
    let body: @Sendable (Argument) throws -> Output

    /// Names `body`; nothing runs until an isolate, a thread or a pool is given it.
    public init(_ name: String, _ body: @escaping @Sendable (Argument) throws -> Output) {
        self.name = name
        self.body = body
    }
}
