// Deliberately racy: a legacy signing SDK keeps one API key for the whole process. The charge
// handler sets it from the request, awaits the database, then signs with whatever the key is
// by then. The key sits behind a Mutex, so there is no data race, and still the wrong tenant
// signs: two requests interleave at the await.
import ParLearnKit

// [sdk]
/// A legacy SDK: `SigningSDK.apiKey` is set once per process, as stripe.api_key was.
enum SigningSDK {
    static let apiKey = Mutex("", "SigningSDK.apiKey")

    static func sign(_ text: String) -> String {
        "\(text), signed with \(apiKey.withLock { $0 })"
    }
}
// [/sdk]

// [handler]
/// POST /charge: the tenant's key comes in a header, the order from the database.
@Sendable func charge(_ request: Request) async -> Response {
    SigningSDK.apiKey.withLock { $0 = request.headers["x-api-key"] ?? "" }
    await sleep(for: .milliseconds(20))          // the database call
    return .ok(SigningSDK.sign("charge \(request.body)"))
}
// [/handler]

// [scenario]
scenario("two tenants, one server") {
    var router = Router()
    router.post("/charge", use: charge)
    let server = InMemoryServer(router)
    let a = server.send(Request("POST", "/charge", headers: ["x-api-key": "sk_a"], body: "100"), as: "request-a")
    let b = server.send(Request("POST", "/charge", headers: ["x-api-key": "sk_b"], body: "250"), as: "request-b")
    let (ra, rb) = await (a.value, b.value)
    check(ra.body == "charge 100, signed with sk_a", "tenant a got \"\(ra.body)\"")
    check(rb.body == "charge 250, signed with sk_b", "tenant b got \"\(rb.body)\"")
}
// [/scenario]
