// The fixed twin of shutdown-racy.swift: shutting down is a message on the channel the workers
// already read. Closing the listener refuses new connections, and `accept()` keeps handing out
// the backlog until it is empty: every accepted request is answered, exactly once.
import ParLearnKit

// [worker]
/// A worker thread: serve until the listener is closed and drained.
func startWorker(_ name: String, _ listener: Listener) -> JoinHandle<Void> {
    spawn(name) {
        while let connection = listener.accept() {
            connection.respond(.ok("done \(connection.request.path)"))
        }
    }
}
// [/worker]

// [shutdown]
/// Stops the server: stop accepting, let the workers drain the backlog, wait for them.
func shutdown(_ listener: Listener, _ workers: [JoinHandle<Void>]) {
    listener.close()
    for worker in workers { worker.join() }
}
// [/shutdown]

scenario("shutdown while a client sends") {
    let listener = Listener()
    let workers = (1...2).map { startWorker("worker-\($0)", listener) }
    let client = spawn("client") { () -> [String] in
        var accepted: [Connection] = []
        for n in 1...3 {
            if let connection = try? listener.connect(Request("GET", "/io/\(n)"), as: "request-\(n)") {
                accepted.append(connection)
            }
        }
        return accepted.map { $0.response()?.body ?? "no answer" }
    }
    shutdown(listener, workers)
    for body in client.join() {
        check(body.hasPrefix("done /io/"), "a client got \"\(body)\"")
    }
}
