import Foundation
import Glibc
import Synchronization

/// A controlled process's line to the broker (explore and replay mode): every cross-process
/// operation is sent there and waits for the broker's answer, which comes when the schedule
/// chooses this process.
final class BrokerClient: InvariantSink, @unchecked Sendable {
    // @unchecked: `fd` and `recording` are set before the process runs learner code; calls
    // are serialised by `lock`.
    let fd: Int32
    let id: Int
    /// True in the trace-recording run: requests carry their call sites.
    let recording: Bool
    private let lock = Synchronization.Mutex(())

    // nonisolated(unsafe): set once in a freshly forked child, before any learner code runs
    // there; nil in the broker and in plain mode.
    nonisolated(unsafe) static var current: BrokerClient?

    init(fd: Int32, id: Int, recording: Bool) {
        self.fd = fd
        self.id = id
        self.recording = recording
    }

    /// Sends `request` and waits for the answer. The broker ends the execution by killing this
    /// process, so a broken line only means the broker is gone: end quietly.
    /// `located`: the trace shows the learner's line for this step; a worker's own job
    /// plumbing has none worth showing.
    @discardableResult
    func call(_ request: BrokerRequest, located: Bool = true) -> BrokerResponse {
        let frames = recording && located ? SourceLocator.callers() : nil
        return lock.withLock { _ in
            guard (try? Frames.write(request.encode(frames: frames), to: fd)) != nil,
                  let frame = try? Frames.read(from: fd, sender: "the checker"),
                  let response = try? BrokerResponse.decode(frame) else { _exit(70) }
            return response
        }
    }

    func number(_ request: BrokerRequest) -> Int {
        guard case .number(let n) = call(request) else { return 0 }
        return n
    }

    /// Tells the broker about the end of the main process's body, without waiting.
    func finish(error: String?) {
        _ = try? Frames.write(BrokerRequest.finished(error: error).encode(frames: nil), to: fd)
    }

    func invariantFailed(message: String, file: String, line: Int) {
        _ = try? Frames.write(BrokerRequest.check(message: message, file: file, line: line).encode(frames: nil), to: fd)
        // The broker ends the execution and kills this process.
        while true { pause() }
    }
}

/// A worker started under the broker: its input and output are broker pipes.
final class BrokeredChild: ChildLink, @unchecked Sendable {
    // @unchecked: one process's object, used from its one controlled thread.
    let name: String
    let id: Int
    private var ended: Int32?

    var toChild: Int { Self.inputPipe(of: id) }
    var fromChild: Int { Self.outputPipe(of: id) }

    /// The broker gives process `id` the pipes `-2·id-1` (in) and `-2·id-2` (out); negative ids
    /// never clash with the pipes a program creates.
    static func inputPipe(of id: Int) -> Int { -2 * id - 1 }
    static func outputPipe(of id: Int) -> Int { -2 * id - 2 }

    init(name: String, id: Int) {
        self.name = name
        self.id = id
    }

    static func spawn(name: String, pool: Bool, broker: BrokerClient) -> BrokeredChild {
        BrokeredChild(name: name, id: broker.number(.spawn(name: name, pool: pool)))
    }

    var pid: Int32? { nil }
    var hasEnded: Bool { ended != nil }

    func send(_ frame: Data) throws { BrokerClient.current!.call(.send(pipe: toChild, bytes: frame)) }

    func receive() throws -> Data? {
        guard case .bytes(let data) = BrokerClient.current!.call(.receive(pipe: fromChild)) else { return nil }
        return data
    }

    func closeInput() { BrokerClient.current!.call(.closePipe(pipe: toChild)) }

    @discardableResult
    func reap() -> Int32 {
        if let ended { return ended }
        let status = Int32(BrokerClient.current!.number(.join(process: id)))
        ended = status
        return status
    }

    func kill() {
        BrokerClient.current!.call(.kill(process: id))
        reap()
    }
}

/// A brokered worker's own side: its input and output pipes.
struct BrokeredWorkerChannel: WorkerChannel {
    let broker: BrokerClient

    func receive() throws -> Data? {
        let request = BrokerRequest.receive(pipe: BrokeredChild.inputPipe(of: broker.id))
        guard case .bytes(let data) = broker.call(request, located: false) else { return nil }
        return data
    }

    func send(_ frame: Data) throws {
        broker.call(.send(pipe: BrokeredChild.outputPipe(of: broker.id), bytes: frame), located: false)
    }
}
