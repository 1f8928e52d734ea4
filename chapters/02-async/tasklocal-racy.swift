// Deliberately racy, and accepted by the Swift 6 compiler: the SDK's
// key lives in an actor, so there is no data race, but it is still one
// key for the whole process. Two tenants check out at the same time.
import ParLearnKit

/// What the payment service saw: which key signed which charge.
struct Receipt: Sendable {
    let key: String
    let cents: Int
}

// [sdk]
/// The SDK's settings behind an actor: safe memory, one shared value.
actor Settings {
    private(set) var apiKey = ""
    func use(_ key: String) { apiKey = key }
}

enum PaymentsSDK {
    static let settings = Settings()   // a Sendable `let`: allowed

    static func charge(_ cents: Int) async -> Receipt {
        let key = await settings.apiKey
        await sleep(for: .milliseconds(20))     // the HTTPS round trip
        return Receipt(key: key, cents: cents)
    }
}
// [/sdk]

// [checkout]
func checkout(key: String, cents: Int) async -> Receipt {
    await PaymentsSDK.settings.use(key)
    await sleep(for: .milliseconds(5))          // load the basket
    return await PaymentsSDK.charge(cents)
}
// [/checkout]

scenario("two tenants") {
    let a = spawnTask("tenant-a") {
        await checkout(key: "sk_a", cents: 100)
    }
    let b = spawnTask("tenant-b") {
        await checkout(key: "sk_b", cents: 250)
    }
    let (ra, rb) = await (a.value, b.value)
    check(ra.key == "sk_a", "tenant a was charged with key \(ra.key)")
    check(rb.key == "sk_b", "tenant b was charged with key \(rb.key)")
}
