import XCTest
@testable import ParLearnKit

private struct Broken: Error {}

/// The serving chapter's in-memory transport: routing, the async server, the thread listener.
final class ServingTests: XCTestCase {
    private func explore(schedules: Int = 300, seed: UInt64 = 0,
                         _ body: @escaping @Sendable () -> Void) -> ScenarioReport {
        let request = RunRequest(mode: .explore, strategy: .portfolio, schedules: schedules, seed: seed)
        return ThreadExplorer.explore(request: request, settings: .init(sourceLines: false), body: body)
    }

    private var router: Router {
        var router = Router()
        router.get("/hello") { request in .ok("hello \(request.body)") }
        router.post("/fail") { _ in throw Broken() }
        return router
    }

    /// Routing by method and path; an unknown route is a 404 and a thrown error a 500.
    func testTheRouterAnswers404ForUnknownRoutesAnd500ForThrowingHandlers() async {
        let router = router
        let hello = await router.respond(to: Request("GET", "/hello", body: "you"))
        XCTAssertEqual(hello, Response(200, "hello you"))
        let wrongMethod = await router.respond(to: Request("POST", "/hello"))
        XCTAssertEqual(wrongMethod.status, 404)
        let failing = await router.respond(to: Request("POST", "/fail"))
        XCTAssertEqual(failing.status, 500)
    }

    /// Under the async engine each request is a task of its own, with its own column.
    func testEachRequestIsAControlledTaskNamedAsAsked() {
        let router = router
        let report = exploreAsync(schedules: 50) {
            let server = InMemoryServer(router)
            let a = server.send(Request("GET", "/hello", body: "a"), as: "request-a")
            let b = server.send(Request("GET", "/nowhere"), as: "request-b")
            let (ra, rb) = await (a.value, b.value)
            check(ra.body != "hello a" || rb.status != 404, "both answered: \(ra), \(rb)")
        }
        XCTAssertEqual(report.kind, .invariant, report.message)
        XCTAssertEqual(report.message, "both answered: 200 hello a, 404 not found")
        XCTAssertEqual(report.threads, ["main", "request-a", "request-b"])
    }

    /// After `close()`, connects are refused and workers drain what was queued before it.
    func testAClosedListenerRefusesNewConnectionsAndHandsOutItsBacklog() {
        let report = explore {
            let listener = Listener()
            let worker = spawn("worker") { () -> Int in
                var served = 0
                while let connection = listener.accept() {
                    connection.respond(.ok(connection.request.path))
                    served += 1
                }
                return served
            }
            let queued = (1...2).compactMap { try? listener.connect(Request("GET", "/\($0)"), as: "r\($0)") }
            listener.close()
            let late = try? listener.connect(Request("GET", "/late"), as: "late")
            let bodies = queued.map { $0.response()?.body }
            check(late == nil, "a connection after close was accepted")
            check(bodies == ["/1", "/2"] && worker.join() == 2, "answers: \(bodies)")
        }
        XCTAssertEqual(report.verdict, .clean, report.message)
    }

    /// A request answered twice is a bug of the server, reported where the second answer is.
    func testASecondAnswerIsReported() {
        let report = explore {
            let listener = Listener()
            let connection = try? listener.connect(Request("GET", "/twice"), as: "request-1")
            let accepted = listener.accept()
            accepted?.respond(.ok("first"))
            accepted?.respond(.ok("second"))
            check(connection?.response()?.body == "first", "the client got the wrong answer")
        }
        XCTAssertEqual(report.verdict, .bug)
        XCTAssertEqual(report.kind, .invariant)
        XCTAssertEqual(report.message, "request-1 was answered twice")
    }

    /// A request accepted and never answered leaves its client waiting: a deadlock naming it.
    func testADroppedRequestIsADeadlockNamingTheConnection() {
        let report = explore {
            let listener = Listener()
            let connection = try? listener.connect(Request("GET", "/lost"), as: "request-1")
            listener.close()
            _ = connection?.response()
        }
        XCTAssertEqual(report.verdict, .bug)
        XCTAssertEqual(report.kind, .deadlock)
        XCTAssertTrue(report.details.contains { $0.contains("connection request-1") }, "\(report.details)")
    }

    /// In a plain run a client gives up: `response(timeout:)` returns nil when no answer came.
    func testAPlainClientStopsWaitingAtItsTimeout() {
        let listener = Listener()
        let connection = try? listener.connect(Request("GET", "/slow"), as: "request-1")
        let start = ContinuousClock.now
        XCTAssertNil(connection?.response(timeout: 0.2))
        let waited = ContinuousClock.now - start
        XCTAssertGreaterThanOrEqual(waited, .milliseconds(190))
        XCTAssertLessThan(waited, .seconds(5))
        listener.accept()?.respond(.ok("late"))
        XCTAssertEqual(connection?.response(timeout: 0.2)?.body, "late", "an answer that came is still read")
    }
}
