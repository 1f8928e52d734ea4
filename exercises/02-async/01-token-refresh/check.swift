// The check for async-overbooking. It belongs to the workbook: edit tokens.swift, not this file.
import ParLearnKit

/// The auth server. Issuing a token takes a round trip, and every new token revokes the one
/// issued before it, as many OAuth servers do with refresh-token rotation.
actor AuthServer {
    private(set) var issued = 0
    private var current: String?

    func issue() async -> String {
        await sleep(for: .milliseconds(20))     // the round trip
        issued += 1
        let token = "token-\(issued)"
        current = token
        return token
    }

    func accepts(_ token: String) -> Bool { token == current }
}

/// Requests that each need a token, some arriving `late` (after the first token is issued).
/// Every token they got must be accepted, and the server must have issued exactly one.
func requests(_ names: [String], late: [String] = []) async {
    let server = AuthServer()
    let cache = TokenCache(server: server)
    let early = names.map { name in spawnTask(name) { await cache.validToken() } }
    await sleep(for: .milliseconds(50))
    let later = late.map { name in spawnTask(name) { await cache.validToken() } }
    for (name, task) in zip(names + late, early + later) {
        let token = await task.value
        let accepted = await server.accepts(token)
        check(accepted, "\(name) got \(token), which the server no longer accepts: a later token revoked it")
    }
    let issued = await server.issued
    check(issued == 1, "the server issued \(issued) tokens for \(names.count + late.count) requests that arrived together, expected 1")
}

scenario("two requests need a token at once") {
    await requests(["alice", "bob"])
}

scenario("three at once and one late") {
    await requests(["alice", "bob", "carol"], late: ["dave"])
}
