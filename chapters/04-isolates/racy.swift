// Deliberately racy: a legacy SDK keeps its API key in one process-wide global, and two
// isolates serving different tenants overwrite it. The checker reports the isolation breach
// and the charge signed with the wrong key.
import ParLearnKit

// [sdk]
/// A legacy payments SDK: `SDK.configure(key)` once, then `SDK.charge(...)` anywhere.
enum SDK {
    /// The analogue of a C extension's static state: one value for every isolate.
    static let apiKey = ProcessGlobal("", "SDK.apiKey")

    static func configure(_ key: String) { apiKey.value = key }

    static func charge(_ cents: Int) -> String { "\(cents) charged with \(apiKey.value)" }
}
// [/sdk]

// [serve]
/// One isolate per tenant: each configures the SDK with its key, then charges.
func serve(_ tenant: String, cents: Int, on isolate: Isolate) -> Future<String> {
    isolate.run {
        SDK.configure("sk_\(tenant)")
        return SDK.charge(cents)
    }
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
// [/scenario]
