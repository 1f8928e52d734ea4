// The fixed twin of racy.swift: the key belongs to the request, not to the process. A
// middleware binds it as a task-local value for the handler's task (and every task it starts),
// as a Python server binds a contextvars.ContextVar per request.
import ParLearnKit

// [sdk]
/// The SDK reads the key of the request being served: a task-local value.
enum SigningSDK {
    @TaskLocal static var apiKey = ""

    static func sign(_ text: String) -> String {
        "\(text), signed with \(apiKey)"
    }
}
// [/sdk]

// [middleware]
/// Wraps a handler so that it runs with the request's own key bound.
func withTenantKey(_ handler: @escaping Router.Handler) -> Router.Handler {
    { request in
        try await SigningSDK.$apiKey.withValue(request.headers["x-api-key"] ?? "") {
            try await handler(request)
        }
    }
}
// [/middleware]

// [handler]
/// POST /charge: the handler no longer touches the key at all.
@Sendable func charge(_ request: Request) async -> Response {
    await sleep(for: .milliseconds(20))          // the database call
    return .ok(SigningSDK.sign("charge \(request.body)"))
}
// [/handler]

scenario("two tenants, one server") {
    var router = Router()
    router.post("/charge", use: withTenantKey(charge))
    let server = InMemoryServer(router)
    let a = server.send(Request("POST", "/charge", headers: ["x-api-key": "sk_a"], body: "100"), as: "request-a")
    let b = server.send(Request("POST", "/charge", headers: ["x-api-key": "sk_b"], body: "250"), as: "request-b")
    let (ra, rb) = await (a.value, b.value)
    check(ra.body == "charge 100, signed with sk_a", "tenant a got \"\(ra.body)\"")
    check(rb.body == "charge 250, signed with sk_b", "tenant b got \"\(rb.body)\"")
}
