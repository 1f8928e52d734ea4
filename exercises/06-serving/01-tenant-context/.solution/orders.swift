import ParLearnKit

/// What the middleware learned about the request being served: a task-local value, so each
/// request's task (and every task it starts) sees its own, like a contextvars.ContextVar.
enum RequestContext {
    @TaskLocal static var tenant: String?
}

/// Every handler behind it runs with the request's tenant in the context; none without one.
func withTenant(_ handler: @escaping Router.Handler) -> Router.Handler {
    { request in
        guard let tenant = request.headers["x-tenant"] else { return Response(401, "who are you?") }
        return try await RequestContext.$tenant.withValue(tenant) { try await handler(request) }
    }
}

/// The database layer filters every query by the context's tenant, so handlers cannot forget.
enum OrdersDatabase {
    static let rows = [("acme", "anvil"), ("globex", "doomsday device"), ("acme", "rocket")]

    static func orders() async -> [String] {
        await sleep(for: .milliseconds(15))      // the query's round trip
        return rows.filter { $0.0 == RequestContext.tenant }.map(\.1)
    }
}

func makeRouter() -> Router {
    var router = Router()
    router.get("/orders", use: withTenant { _ in
        let orders = await OrdersDatabase.orders()
        return .ok("\(RequestContext.tenant ?? "nobody"): \(orders.joined(separator: ", "))")
    })
    return router
}
