import Foundation
import Glibc
import Synchronization

/// Starts a named worker process that runs `entry` with `input`, like Python's
/// `Process(target=entry, args=(input,), name=name).start()` with the *spawn* start method.
///
/// The worker re-executes this program, so it shares nothing with the parent but what is
/// passed explicitly: the input (encoded as JSON), ``MessagePipe``s and ``SharedMemory``
/// regions inside the input. Under the checker the process is controlled and `name` labels
/// its column in the interleaving table.
///
/// ```swift
/// let square = EntryPoint("square") { (n: Int) in n * n }
///
/// processScenario("squares") {
///     let worker = try spawnProcess("W1", square, input: 7)
///     let result = try worker.join()      // 49, or a ProcessError if the worker died
/// }
/// ```
public func spawnProcess<Input, Output>(
    _ name: String, _ entry: EntryPoint<Input, Output>, input: Input
) throws -> ProcessHandle<Output> {
    ChildRole.takeOverIfChild()
    let order = WorkOrder(entry: entry.name, input: try MessageCoding.encode(input))
    let child = try ChildLinks.start(name: name, pool: false)
    try? child.send(try JSONEncoder().encode(order))  // a worker that died at once is reported by join
    return ProcessHandle(name: name, child: child)
}

/// A started worker process: wait for its result with ``join()``.
///
/// Joining is the only way to reap a worker; a handle dropped without joining kills and reaps
/// its worker, so no worker outlives its handle.
public final class ProcessHandle<Output: Codable & Sendable>: Sendable {
    /// The name given to ``spawnProcess(_:_:input:)``.
    public let name: String
    let child: any ChildLink
    private let outcome = Synchronization.Mutex<Result<Output, Error>?>(nil)

    init(name: String, child: any ChildLink) {
        self.name = name
        self.child = child
    }

    deinit {
        if !child.hasEnded { child.kill() }
    }

    /// The operating system's process id (plain mode); nil under the checker.
    public var pid: Int32? { child.pid }

    /// Waits for the worker to end and returns its result, like `Process.join()` followed by
    /// reading the result. Throws ``ProcessError`` when the worker crashed, was killed, exited
    /// early, threw, or sent bytes that do not decode as `Output`. Joining again returns the
    /// same outcome.
    @discardableResult
    public func join() throws -> Output {
        if let known = outcome.withLock({ $0 }) { return try known.get() }
        let result = Self.collect(child)
        outcome.withLock { $0 = result }
        return try result.get()
    }

    /// Stops the worker with SIGKILL (≈ `Process.kill()`); ``join()`` then reports it.
    public func kill() {
        if !child.hasEnded { child.kill() }
    }

    private static func collect(_ child: any ChildLink) -> Result<Output, Error> {
        Result { () throws -> Output in
            let frame: Data?
            do {
                frame = try child.receive()
            } catch {
                child.kill()
                throw error
            }
            let status = child.reap()
            guard let frame else { throw ProcessError.ended(child.name, waitStatus: status) }
            let reply = try MessageCoding.decode(WorkReply.self, from: frame, what: "its reply", sender: "worker \(child.name)")
            return try decode(reply, from: child.name)
        }
    }

    static func decode(_ reply: WorkReply, from worker: String) throws -> Output {
        try MessageCoding.decode(Output.self, from: try reply.output(worker: worker), what: "its result",
                                 sender: "worker \(worker)")
    }
}
