import Foundation
import Glibc
import Synchronization

/// A one-way pipe of framed `Codable` messages between processes, like
/// `multiprocessing.Pipe(duplex=False)` (or a `Queue`), with JSON in place of pickle.
///
/// Create it in the parent and hand it to workers inside their input: it is `Codable`, and a
/// worker decodes it to the same pipe (plain mode passes the file descriptors down to every
/// worker started after it). A message type that is not `Codable` cannot be sent; that is a
/// compile error, not a run-time surprise.
///
/// The pipe holds at most `capacity` bytes in flight. ``send(_:)`` blocks while it is full and
/// ``receive()`` while it is empty, exactly as an operating-system pipe does: a process that
/// writes everything before it reads can deadlock with one that does the same.
///
/// ```swift
/// let jobs = try MessagePipe<Int>("jobs", capacity: 4096)
/// try jobs.send(42)
/// let n = try jobs.receive()
/// ```
///
/// In plain mode a message larger than 4 KiB is written in pieces, so give each pipe one
/// sending process (pieces from two senders could interleave).
public final class MessagePipe<Message: Codable & Sendable>: Codable, Sendable {
    /// The name shown in traces and errors.
    public let name: String
    /// Bytes the pipe holds before ``send(_:)`` blocks. The operating system rounds it up to a
    /// whole page (4096 bytes); 65,536 is its default.
    public let capacity: Int
    let endpoint: Endpoint
    /// Serialises the sends (and the receives) of threads of one process.
    private let sending = Synchronization.Mutex(())
    private let receiving = Synchronization.Mutex(())

    /// Where the bytes go: a real pipe's two ends, or a pipe the checker's broker keeps.
    enum Endpoint: Codable, Equatable {
        case fds(read: Int32, write: Int32)
        case brokered(Int)
    }

    /// Creates a pipe. Its ends are inherited by every worker started after it.
    public init(_ name: String, capacity: Int = 65_536) throws {
        ChildRole.takeOverIfChild()
        self.name = name
        if let broker = BrokerClient.current {
            // The broker's pipe is as big as asked, rounded up to a page as the kernel does.
            self.capacity = max(4096, (capacity + 4095) / 4096 * 4096)
            endpoint = .brokered(broker.number(.createPipe(name: name, capacity: self.capacity)))
            return
        }
        var fds: [Int32] = [0, 0]
        // Not close-on-exec: workers started by posix_spawn inherit the ends.
        guard Glibc.pipe(&fds) == 0 else { throw ProcessError.system(call: "pipe", errno: errno) }
        let readFD = try RealChild.inheritable(fds[0])
        let writeFD = try RealChild.inheritable(fds[1])
        endpoint = .fds(read: readFD, write: writeFD)
        let granted = fcntl(writeFD, 1031 /* F_SETPIPE_SZ */, Int32(clamping: max(capacity, 1)))
        self.capacity = granted > 0 ? Int(granted) : 65_536
    }

    private enum CodingKeys: String, CodingKey { case name, capacity, endpoint }

    /// Reopens a pipe handed to a worker process in its input.
    public required init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        capacity = try c.decode(Int.self, forKey: .capacity)
        endpoint = try c.decode(Endpoint.self, forKey: .endpoint)
        if case .fds(let read, let write) = endpoint, fcntl(read, F_GETFD) < 0 || fcntl(write, F_GETFD) < 0 {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription:
                "pipe \(name) was not inherited by this process: pass it in a worker's input"))
        }
    }

    /// Writes the pipe's descriptors, which a worker inherits, so it can reopen it.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(capacity, forKey: .capacity)
        try c.encode(endpoint, forKey: .endpoint)
    }

    /// Sends one message, blocking while the pipe is full.
    public func send(_ message: Message) throws {
        let data = try MessageCoding.encode(message)
        guard case .fds(_, let writeFD) = endpoint else {
            if case .brokered(let id) = endpoint { BrokerClient.current?.call(.send(pipe: id, bytes: data)) }
            return
        }
        try sending.withLock { _ in
            do {
                try Frames.write(data, to: writeFD)
            } catch ProcessError.pipeClosed {
                throw ProcessError.pipeClosed(pipe: name)
            }
        }
    }

    /// Receives the oldest message, blocking while the pipe is empty.
    public func receive() throws -> Message {
        let frame: Data?
        switch endpoint {
        case .brokered(let id):
            if case .bytes(let data)? = BrokerClient.current?.call(.receive(pipe: id)) { frame = data } else { frame = nil }
        case .fds(let readFD, _):
            frame = try receiving.withLock { _ in try Frames.read(from: readFD, sender: "pipe \(name)") }
        }
        guard let frame else { throw ProcessError.pipeClosed(pipe: name) }
        return try MessageCoding.decode(Message.self, from: frame, what: "a message on pipe \(name)", sender: "pipe \(name)")
    }
}
