// The API key travels with each request, in a client value: no isolate, tenant or request
// can see another's key, however the work is spread.
import ParLearnKit

// [client]
/// The fixed SDK: a client carries its key, like `OpenAI(api_key:)` or `StripeClient(key)`.
struct PaymentsClient: Sendable {
    let apiKey: String

    func charge(_ cents: Int) -> String { "\(cents) charged with \(apiKey)" }
}
// [/client]

// [serve]
func serve(_ tenant: String, cents: Int, on isolate: Isolate) -> Future<String> {
    let client = PaymentsClient(apiKey: "sk_\(tenant)")   // a shareable value, copied in
    return isolate.run { client.charge(cents) }
}
// [/serve]

// [scenario]
scenario("two tenants, two isolates") {
    let a = serve("a", cents: 100, on: Isolate("tenant-a"))
    let b = serve("b", cents: 200, on: Isolate("tenant-b"))
    let receiptA = (try? a.value()) ?? "failed"
    let receiptB = (try? b.value()) ?? "failed"
    check(receiptA == "100 charged with sk_a", "tenant a's receipt says \"\(receiptA)\"")
    check(receiptB == "200 charged with sk_b", "tenant b's receipt says \"\(receiptB)\"")
}

scenario("two tenants, one isolate") {
    let worker = Isolate("worker")
    let a = serve("a", cents: 100, on: worker)
    let b = serve("b", cents: 200, on: worker)
    check((try? a.value()) == "100 charged with sk_a", "tenant a was charged with the wrong key")
    check((try? b.value()) == "200 charged with sk_b", "tenant b was charged with the wrong key")
}
// [/scenario]
