import NIOPosix
import ParLearnKit
import Synchronization

/// Where a handler's CPU-bound work runs. The routes are the same in every worker model; only
/// this changes.
public enum Compute: Sendable {
    /// On the thread that runs the handler: an event loop (processes, threads) or the cooperative
    /// pool (async, where a long computation starves every other request of that pool thread).
    case inline(label: String)
    /// On one of N isolates, round robin, each keeping its own count of the work it did.
    case isolates(IsolatePool)
    /// On a thread pool: the blocking-handler fix for the async model.
    case threadPool(NIOThreadPool, label: String)

    /// Names the worker in each response's `x-worker` header.
    public var label: String {
        switch self {
        case .inline(let label), .threadPool(_, let label): return label
        case .isolates: return "isolates"
        }
    }

    /// Runs `work` where this strategy says and returns its result with the worker that ran it.
    public func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async throws -> (T, String) {
        switch self {
        case .inline(let label): return (work(), label)
        case .isolates(let pool): return await pool.run(work)
        case .threadPool(let pool, let label): return (try await pool.runIfActive(work), label)
        }
    }
}

/// A request count of which each isolate has its own copy, as each Python sub-interpreter has
/// its own module globals.
let servedHere = IsolateLocal(0, "served")

/// N isolates fed round robin by the acceptor's handlers.
public final class IsolatePool: Sendable {
    private let isolates: [Isolate]
    private let next = Atomic(0)

    public init(count: Int) {
        isolates = (1...count).map { Isolate("isolate-\($0)") }
    }

    /// Runs `work` on the next isolate; the handler's task is suspended, no thread waits.
    /// Callers stop submitting before ``close()`` (the server drains its requests first).
    func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> (T, String) {
        let isolate = isolates[next.add(1, ordering: .relaxed).oldValue % isolates.count]
        let name = isolate.name
        return await withCheckedContinuation { continuation in
            _ = isolate.run {
                servedHere.value += 1
                continuation.resume(returning: (work(), "\(name), its request \(servedHere.value)"))
            }
        }
    }

    /// Closes every isolate and waits for its thread to end.
    public func close() {
        for isolate in isolates { isolate.close() }
    }
}
