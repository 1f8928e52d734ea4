import ParLearnKit

/// The work behind GET /report/N.
func handle(_ request: Request) -> Response {
    .ok("report \(request.path.split(separator: "/").last ?? "")")
}

/// A service on worker threads that take connections from one listener.
final class Server: Sendable {
    let listener = Listener()
    private let draining = Atomic(false, "draining")
    private let workers: Mutex<[JoinHandle<Void>]> = Mutex([], "workers")

    init(workers count: Int) {
        for n in 1...count {
            let worker = spawn("worker-\(n)") { [listener, draining] in
                while let connection = listener.accept() {
                    // TODO: stops quickly, but a request already accepted is answered 503.
                    connection.respond(draining.load() ? .serviceUnavailable : handle(connection.request))
                }
            }
            workers.withLock { $0.append(worker) }
        }
    }

    /// Stops the server and returns once every worker has ended.
    func shutdown() {
        draining.store(true)
        listener.close()
        for worker in workers.withLock({ $0 }) { worker.join() }
    }
}
