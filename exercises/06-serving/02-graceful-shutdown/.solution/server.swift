import ParLearnKit

/// The work behind GET /report/N.
func handle(_ request: Request) -> Response {
    .ok("report \(request.path.split(separator: "/").last ?? "")")
}

/// A service on worker threads that take connections from one listener.
final class Server: Sendable {
    let listener = Listener()
    private let workers: Mutex<[JoinHandle<Void>]> = Mutex([], "workers")

    init(workers count: Int) {
        for n in 1...count {
            let worker = spawn("worker-\(n)") { [listener] in
                // Every accepted connection is served; after close() the backlog drains, then nil.
                while let connection = listener.accept() {
                    connection.respond(handle(connection.request))
                }
            }
            workers.withLock { $0.append(worker) }
        }
    }

    /// Stops the server: refuse new connections, finish the accepted ones, wait for the workers.
    func shutdown() {
        listener.close()
        for worker in workers.withLock({ $0 }) { worker.join() }
    }
}
