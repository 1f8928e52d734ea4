// Deliberately racy: the server stops its workers by setting a flag they poll between
// requests, with no synchronisation. A worker that sees the flag leaves at once, and the
// requests already waiting in the listener's backlog are never answered.
import ParLearnKit

// [worker]
/// A worker thread: serve until the server says stop.
func startWorker(_ name: String, _ listener: Listener, _ stopping: Shared<Bool>) -> JoinHandle<Void> {
    spawn(name) {
        while !stopping.value {                  // polled between requests, unsynchronised
            guard let connection = listener.accept() else { return }
            connection.respond(.ok("done \(connection.request.path)"))
        }
    }
}
// [/worker]

// [shutdown]
/// Stops the server: tell the workers, stop accepting, wait for the workers.
func shutdown(_ listener: Listener, _ stopping: Shared<Bool>, _ workers: [JoinHandle<Void>]) {
    stopping.value = true
    listener.close()
    for worker in workers { worker.join() }
}
// [/shutdown]

// [scenario]
scenario("shutdown while a client sends") {
    let listener = Listener()
    let stopping = Shared(false, "stopping")
    let workers = (1...2).map { startWorker("worker-\($0)", listener, stopping) }
    let client = spawn("client") { () -> [String] in
        var accepted: [Connection] = []
        for n in 1...3 {
            // A refused connection is fine: the server is going away. A lost one is not.
            if let connection = try? listener.connect(Request("GET", "/io/\(n)"), as: "request-\(n)") {
                accepted.append(connection)
            }
        }
        return accepted.map { $0.response()?.body ?? "no answer" }
    }
    shutdown(listener, stopping, workers)
    for body in client.join() {
        check(body.hasPrefix("done /io/"), "a client got \"\(body)\"")
    }
}
// [/scenario]
