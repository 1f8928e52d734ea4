/// Routes a request to its handler by method and path, in the shape of Hummingbird's `Router`:
/// `router.post("/charge") { request in … }`. A path nobody registered answers 404, a handler
/// that throws answers 500: one bad request never takes the worker down.
public struct Router: Sendable {
    public typealias Handler = @Sendable (Request) async throws -> Response

    private var routes: [String: Handler] = [:]

    public init() {}

    public mutating func get(_ path: String, use handler: @escaping Handler) { add("GET", path, handler) }
    public mutating func post(_ path: String, use handler: @escaping Handler) { add("POST", path, handler) }

    public mutating func add(_ method: String, _ path: String, _ handler: @escaping Handler) {
        routes["\(method) \(path)"] = handler
    }

    /// The handler's response, 404 for an unknown route, 500 when the handler throws.
    public func respond(to request: Request) async -> Response {
        guard let handler = routes[request.description] else { return .notFound }
        do {
            return try await handler(request)
        } catch {
            return .internalServerError
        }
    }
}

/// The async worker model over an in-memory transport: every request is handled by a task of
/// its own, as a Hummingbird server on the cooperative pool does, but named and scheduled by
/// the checker, so that a schedule string replays an interleaving of requests.
///
/// ```swift
/// let server = InMemoryServer(router)
/// let a = server.send(Request("POST", "/charge", headers: ["x-api-key": "sk_a"]), as: "request-a")
/// let response = await a.value
/// ```
public struct InMemoryServer: Sendable {
    public let router: Router

    public init(_ router: Router) {
        self.router = router
    }

    /// Sends `request`; a task named `name` (its column in the interleaving table) handles it.
    public func send(_ request: Request, as name: String,
                     file: StaticString = #fileID, line: UInt = #line) -> ScenarioTask<Response> {
        let router = router
        return spawnTask(name, { await router.respond(to: request) }, file: file, line: line)
    }
}
