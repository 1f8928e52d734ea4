// Deliberately racy: two worker threads share one rate limiter, whose counters are plain
// shared variables. Read, compare, write: a worker can read the count before the other has
// written it, so a count is lost and one request too many gets through.
import ParLearnKit

// [limiter]
/// Lets `limit` requests through, across every worker, and counts every request it sees.
final class RateLimiter: Sendable {
    let limit: Int
    let seen = Shared(0, "seen")
    let admitted = Shared(0, "admitted")

    init(limit: Int) { self.limit = limit }

    func admit() -> Bool {
        seen.value += 1
        guard admitted.value < limit else { return false }
        admitted.value += 1
        return true
    }
}
// [/limiter]

// [worker]
/// A worker thread: accept, ask the limiter, answer; until the listener closes.
func startWorker(_ name: String, _ listener: Listener, _ limiter: RateLimiter) -> JoinHandle<Void> {
    spawn(name) {
        while let connection = listener.accept() {
            connection.respond(limiter.admit() ? .ok("served") : .tooManyRequests)
        }
    }
}
// [/worker]

// [scenario]
scenario("three requests, a limit of two, two workers") {
    let listener = Listener()
    let limiter = RateLimiter(limit: 2)
    let workers = (1...2).map { startWorker("worker-\($0)", listener, limiter) }
    let connections = (1...3).compactMap { try? listener.connect(Request("GET", "/io"), as: "request-\($0)") }
    listener.close()
    let served = connections.filter { $0.response()?.status == 200 }.count
    for worker in workers { worker.join() }
    let seen = limiter.seen.value
    check(seen == 3, "the limiter counted \(seen) requests, not 3")
    check(served == 2, "\(served) requests were served; the limit is 2")
}
// [/scenario]
