import HTTPTypes
import Hummingbird

// The capstone's three routes, the same in every worker model: digits of e (CPU-bound), a timed
// wait standing for a database call (IO-bound) and a tenant-signed charge. Two more answer the
// bad-input cases: /fail throws (500) and /trap crashes its worker.

/// The first `places` decimals of e, by Sale's spigot (1968): e = 2 + 1/2!·(1 + 1/3·(1 + …)).
public func digitsOfE(_ places: Int) -> String {
    var remainders = [Int](repeating: 1, count: places + 10)
    var digits = "2."
    digits.reserveCapacity(places + 2)
    for _ in 0..<places {
        var carry = 0
        for i in remainders.indices.reversed() {
            let x = remainders[i] * 10 + carry
            remainders[i] = x % (i + 2)
            carry = x / (i + 2)
        }
        digits += String(carry)
    }
    return digits
}

/// The SDK of the running story, with chapter 06's fix: the key belongs to the request (a
/// task-local value bound by ``TenantKeyMiddleware``), not to the process.
public enum SigningSDK {
    @TaskLocal public static var apiKey = ""

    public static func sign(_ text: String) -> String { "\(text), signed with \(apiKey)" }
}

extension HTTPField.Name {
    static let apiKey = Self("x-api-key")!
    static let worker = Self("x-worker")!
}

/// Binds the request's `x-api-key` for the handler's task and every task it starts.
struct TenantKeyMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let key = request.headers[.apiKey], !key.isEmpty else {
            throw HTTPError(.unauthorized, message: "x-api-key is missing")
        }
        return try await SigningSDK.$apiKey.withValue(key) { try await next(request, context) }
    }
}

struct HandlerFailed: Error {}

/// The service's routes; CPU-bound work goes through `compute`, which the worker model picks.
public func makeRouter(compute: Compute) -> Router<BasicRequestContext> {
    let router = Router()
    router.get("e") { request, _ -> Response in
        let places = try request.uri.queryParameters.require("places", as: Int.self)
        guard (1...20_000).contains(places) else {
            throw HTTPError(.badRequest, message: "places must be 1...20000, not \(places)")
        }
        let (digits, worker) = try await compute.run { digitsOfE(places) }
        return .text(digits, worker: worker)
    }
    router.get("io") { request, _ -> Response in
        let ms = request.uri.queryParameters.get("ms", as: Int.self) ?? 50
        guard (0...5_000).contains(ms) else { throw HTTPError(.badRequest, message: "ms must be 0...5000") }
        try await Task.sleep(for: .milliseconds(ms))        // the database call: a wait, no CPU
        return .text("waited \(ms) ms", worker: compute.label)
    }
    router.group("charge").add(middleware: TenantKeyMiddleware()).post { request, _ -> Response in
        let amount = String(buffer: try await request.body.collect(upTo: 64))
        guard let cents = Int(amount) else { throw HTTPError(.badRequest, message: "the body is an amount in cents") }
        try await Task.sleep(for: .milliseconds(20))        // the payment provider's call
        return .text(SigningSDK.sign("charge \(cents)"), worker: compute.label)
    }
    router.get("fail") { _, _ -> Response in throw HandlerFailed() }
    router.get("trap") { _, _ -> Response in fatalError("GET /trap: the handler trapped on purpose") }
    return router
}

extension Response {
    static func text(_ text: String, worker: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8", .worker: worker],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
