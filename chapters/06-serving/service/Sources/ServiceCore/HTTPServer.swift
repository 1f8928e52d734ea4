import Glibc
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOExtras
import NIOHTTP1
import NIOPosix

/// How one server process listens and where its handlers run.
public struct ServerPlan: Sendable {
    public var port: Int
    /// SO_REUSEPORT: several processes listen on one port and the kernel spreads connections.
    public var reusePort = false
    /// Threads of the event-loop group that accepts, reads and writes.
    public var loopThreads = 1
    /// Run a connection's handlers on its event loop's thread; otherwise on the cooperative pool.
    public var handlersOnEventLoops = true

    public init(port: Int) { self.port = port }
}

public enum ServiceError: Error, CustomStringConvertible {
    case portInUse(Int)
    case usage(String)

    public var description: String {
        switch self {
        case .portInUse(let port):
            return "port \(port) is already in use on 127.0.0.1 (is another server running?); "
                + "choose another with --port"
        case .usage(let message): return message
        }
    }
}

/// Serves `router` on 127.0.0.1 until `stop` returns, then shuts down gracefully: the listening
/// socket closes at once (new connections are refused), each connection finishes the request in
/// flight, then the event loops stop. Hummingbird's `Application` has no SO_REUSEPORT switch, so
/// this is its server loop over our own `ServerBootstrap`, with Hummingbird's HTTP/1 channel.
public func serve(_ router: Router<BasicRequestContext>, plan: ServerPlan, onListening: (Int) -> Void,
                  until stop: @escaping @Sendable () async -> Void) async throws {
    let group = MultiThreadedEventLoopGroup(numberOfThreads: plan.loopThreads)
    do {
        try await serve(router, plan: plan, on: group, onListening: onListening, until: stop)
    } catch {
        try? await group.shutdownGracefully()
        throw error
    }
    // Only now: the server's objects are gone, and the quiescing helper's deinit still uses a loop.
    try await group.shutdownGracefully()
}

private func serve(_ router: Router<BasicRequestContext>, plan: ServerPlan, on group: MultiThreadedEventLoopGroup,
                   onListening: (Int) -> Void, until stop: @escaping @Sendable () async -> Void) async throws {
    let logger = {
        var logger = Logger(label: "service")
        logger.logLevel = .error
        return logger
    }()
    let executors = EventLoopExecutors(group)
    let http = HTTP1Channel(responder: respond(with: router.buildResponder(), logger: logger))
    let quiescing = ServerQuiescingHelper(group: group)
    var bootstrap = ServerBootstrap(group: group)
        .serverChannelOption(.backlog, value: 256)
        .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
        .childChannelOption(.allowRemoteHalfClosure, value: true)
        .serverChannelInitializer { channel in
            channel.eventLoop.makeCompletedFuture {
                try channel.pipeline.syncOperations.addHandler(quiescing.makeServerChannelHandler(channel: channel))
            }
        }
    if plan.reusePort {
        bootstrap = bootstrap.serverChannelOption(.socketOption(NIOBSDSocket.Option(rawValue: SO_REUSEPORT)), value: 1)
    }
    let server: NIOAsyncChannel<HTTP1Channel.Value, Never>
    do {
        server = try await bootstrap.bind(host: "127.0.0.1", port: plan.port) { channel in
            http.setup(channel: channel, logger: logger)
        }
    } catch let error as IOError where error.errnoCode == EADDRINUSE {
        throw ServiceError.portInUse(plan.port)
    }
    onListening(server.channel.localAddress?.port ?? plan.port)
    await withTaskGroup(of: Void.self) { shutdown in
        shutdown.addTask {
            await stop()
            guard !Task.isCancelled else { return }
            let closed = group.next().makePromise(of: Void.self)
            quiescing.initiateShutdown(promise: closed)
            try? await closed.futureResult.get()
        }
        await withDiscardingTaskGroup { connections in
            try? await server.executeThenClose { inbound in
                for try await connection in inbound {
                    if plan.handlersOnEventLoops, let loop = executors[connection.channel.eventLoop] {
                        connections.addTask(executorPreference: loop) {
                            await http.handle(value: connection, logger: logger)
                        }
                    } else {
                        connections.addTask { await http.handle(value: connection, logger: logger) }
                    }
                }
            }
        }
        shutdown.cancelAll()    // the listener ended on its own: nothing left to stop
    }
}

/// Hummingbird's `Application.run` responder, minus the date cache: a thrown error that is no
/// HTTP error becomes a 500 and the connection lives on.
private func respond(with responder: some HTTPResponder<BasicRequestContext>,
                     logger: Logger) -> HTTPChannelHandler.Responder {
    { request, writer, channel in
        let context = BasicRequestContext(source: .init(channel: channel, logger: logger))
        let response: Response
        do {
            response = try await responder.respond(to: request, context: context)
        } catch let error as HTTPParserError {
            throw error
        } catch {
            response = Response(status: .internalServerError)
        }
        try await writer.write(response: response.head, body: response.body)
    }
}

/// One task executor per event loop, so a connection's handlers run on its loop's thread.
struct EventLoopExecutors: Sendable {
    private let byLoop: [ObjectIdentifier: EventLoopExecutor]

    init(_ group: MultiThreadedEventLoopGroup) {
        byLoop = Dictionary(uniqueKeysWithValues: group.makeIterator().map {
            (ObjectIdentifier($0), EventLoopExecutor($0))
        })
    }

    subscript(loop: any EventLoop) -> EventLoopExecutor? { byLoop[ObjectIdentifier(loop)] }
}

/// Runs a task's jobs on one event loop's thread.
final class EventLoopExecutor: TaskExecutor {
    private let loop: any EventLoop

    init(_ loop: any EventLoop) { self.loop = loop }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        loop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
