/// What can go wrong between isolates, shaped after PEP 734's exceptions.
///
/// | case | Python |
/// |---|---|
/// | ``notShareable(type:)`` | `NotShareableError` |
/// | ``executionFailed(isolate:errorType:message:)`` | `ExecutionFailed` (with its `excinfo`) |
/// | ``queueClosed(queue:)`` | `queue.ShutDown` |
/// | ``closed(_:)`` | `InterpreterError` for a closed interpreter, `RuntimeError` after `shutdown()` |
public enum IsolateError: Error, Equatable, CustomStringConvertible {
    /// A value that may not cross between isolates: a class instance, a closure…
    case notShareable(type: String)
    /// The code run in `isolate` threw; the error is described, not shared, like `excinfo`.
    case executionFailed(isolate: String, errorType: String, message: String)
    /// `put` on a queue that was closed.
    case queueClosed(queue: String)
    /// Work given to an isolate or a pool that was closed or shut down.
    case closed(String)
    /// A job of a ``WorkerPool`` of ``PoolKind/processes`` failed in or on its way to its worker
    /// process: it threw, the worker crashed, or a value could not be sent.
    case process(ProcessError)
    /// A ``WorkFunction`` given to a pool of processes, which can run only registered, `Codable`
    /// ``EntryPoint``s: a closure cannot reach another process.
    case notAnEntryPoint(function: String)

    /// What went wrong, in words for a learner.
    public var description: String {
        switch self {
        case .notShareable(let type):
            "\(type) is not shareable between isolates: only numbers, strings, booleans, tuples, arrays, "
                + "structs and enums of those, a SharedBuffer or an IsolateQueue can cross"
        case .executionFailed(let isolate, let errorType, let message):
            "the code run in isolate \(isolate) threw \(errorType): \(message)"
        case .queueClosed(let queue):
            "put on queue \(queue) after it was closed"
        case .closed(let what):
            "\(what) is closed: it takes no more work"
        case .process(let error):
            error.description
        case .notAnEntryPoint(let function):
            "\(function) is a WorkFunction, which a pool of processes cannot send to another process: declare it "
                + "at the top level as an EntryPoint, whose name every worker process finds it by"
        }
    }
}
