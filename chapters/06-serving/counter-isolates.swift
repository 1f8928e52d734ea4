// Deliberately wrong: the rate limiter's count is per-isolate state, as a module global is per
// sub-interpreter. Two isolate workers, fed by one listener, each keep their own count, so each
// lets `limit` requests through: the service as a whole lets through twice its limit.
import ParLearnKit

// [limiter]
/// A module global, in the Swift analogue of a sub-interpreter: one copy per isolate.
let admitted = IsolateLocal(0, "admitted")

func admit(limit: Int) -> Bool {
    guard admitted.value < limit else { return false }
    admitted.value += 1
    return true
}
// [/limiter]

// [worker]
/// An isolate worker: accept, ask its limiter, answer; until the listener closes.
func startWorker(_ name: String, _ listener: Listener, limit: Int) -> (Isolate, Future<Void>) {
    let isolate = Isolate(name)
    let done = isolate.run {
        while let connection = listener.accept() {
            connection.respond(admit(limit: limit) ? .ok("served") : .tooManyRequests)
        }
    }
    return (isolate, done)
}
// [/worker]

// [scenario]
scenario("four requests, a limit of two, two isolates") {
    let listener = Listener()
    let workers = (1...2).map { startWorker("isolate-\($0)", listener, limit: 2) }
    let connections = (1...4).compactMap { try? listener.connect(Request("GET", "/io"), as: "request-\($0)") }
    listener.close()
    let served = connections.filter { $0.response()?.status == 200 }.count
    for (isolate, done) in workers {
        _ = done.result()
        isolate.close()
    }
    check(served <= 2, "\(served) requests were served; the limit is 2")
}
// [/scenario]
