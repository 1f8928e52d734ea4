// The check for serving-tenant-context. It belongs to the workbook: edit orders.swift, not this file.
import ParLearnKit

func listOrders(_ tenant: String?, on server: InMemoryServer, as name: String) -> ScenarioTask<Response> {
    server.send(Request("GET", "/orders", headers: tenant.map { ["x-tenant": $0] } ?? [:]), as: name)
}

scenario("two tenants list their orders at once") {
    let server = InMemoryServer(makeRouter())
    let acme = listOrders("acme", on: server, as: "acme")
    let globex = listOrders("globex", on: server, as: "globex")
    let (a, g) = await (acme.value, globex.value)
    check(a == .ok("acme: anvil, rocket"), "acme was answered \"\(a)\"")
    check(g == .ok("globex: doomsday device"), "globex was answered \"\(g)\"")
    check(RequestContext.tenant == nil, "the tenant \(RequestContext.tenant ?? "") is still set after the requests")
}

scenario("a request without a tenant is refused") {
    let server = InMemoryServer(makeRouter())
    let acme = listOrders("acme", on: server, as: "acme")
    let anonymous = listOrders(nil, on: server, as: "anonymous")
    let (a, n) = await (acme.value, anonymous.value)
    check(a == .ok("acme: anvil, rocket"), "acme was answered \"\(a)\"")
    check(n.status == 401, "a request without a tenant was answered \"\(n)\"")
}
