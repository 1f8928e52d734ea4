// Each tenant owns a client that carries its key, like `OpenAI(api_key:)` or
// `StripeClient`: there is no global left to overwrite.

// [client]
struct Client: Sendable {
    let apiKey: String

    func charge(_ cents: Int) -> String { apiKey }
}
// [/client]

func stress(thread: Int, of threads: Int) {
    let client = Client(apiKey: "sk-tenant-\(thread)")
    for cents in 0..<500 {
        precondition(client.charge(cents) == client.apiKey, "a tenant used another tenant's key")
    }
}
