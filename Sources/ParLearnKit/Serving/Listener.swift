/// Thrown by ``Listener/connect(_:as:)`` once the listener is closed: the client's request is
/// refused (a real server resets the connection, or answers 503 from a load balancer).
public struct ConnectionRefused: Error, Sendable, Equatable {
    public let listener: String
}

/// A listening socket over an in-memory transport, for worker threads: clients `connect`,
/// workers `accept` and `respond`. Its backlog is a bounded ``Channel``, so under the checker
/// every connect, accept and response is a scheduling point of the thread engine.
///
/// `close()` is how a server shuts down: no new connection is accepted, and `accept()` hands
/// out what is already in the backlog and then returns nil, so workers can drain it.
public final class Listener: Sendable {
    public let name: String
    private let backlog: Channel<Connection>

    public init(_ name: String = "listener", backlog: Int = 16) {
        self.name = name
        self.backlog = Channel(capacity: backlog, name, verbs: ("connect(%)", "accept(%)"), kind: "listener")
    }

    /// Queues `request` as a connection named `name`; throws once the listener is closed.
    public func connect(_ request: Request, as name: String) throws(ConnectionRefused) -> Connection {
        let connection = Connection(request, name)
        do {
            try backlog.send(connection)
        } catch {
            throw ConnectionRefused(listener: self.name)
        }
        return connection
    }

    /// The next connection; nil once the listener is closed and its backlog drained.
    public func accept() -> Connection? { backlog.receive() }

    /// Stops accepting: later connects are refused; queued connections are still handed out.
    public func close() { backlog.close() }
}

/// One client connection: its request, and a reply slot the client waits on.
public final class Connection: Sendable, CustomStringConvertible {
    public let name: String
    public let request: Request
    private let reply: Channel<Response>

    init(_ request: Request, _ name: String) {
        self.name = name
        self.request = request
        reply = Channel(capacity: 1, name, verbs: ("respond(%)", "response(%)"), kind: "connection")
    }

    /// Answers the request. A second answer is a bug the checker reports.
    public func respond(_ response: Response, file: StaticString = #fileID, line: UInt = #line) {
        do {
            try reply.send(response)
            reply.close()
        } catch {
            check(false, "\(name) was answered twice", file: file, line: line)
        }
    }

    /// Waits for the answer, as a client does: at most `timeout` seconds in a plain run, and nil
    /// when none came. Under the checker the client waits without a limit, so a request accepted
    /// and then dropped is reported as a deadlock that names this connection.
    public func response(timeout: Double = 5) -> Response? { reply.receive(plainTimeout: timeout) }

    /// "request-1: GET /io"
    public var description: String { "\(name): \(request)" }
}
