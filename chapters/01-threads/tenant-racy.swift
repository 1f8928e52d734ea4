// Deliberately racy: a payments SDK keeps one process-wide API key, the
// way stripe-python (`stripe.api_key`) and openai-python 0.x did. Two
// tenants configure it and charge at the same time.
import ParLearnKit

/// What the payment service saw: which key signed which charge.
struct Receipt: Sendable {
    let key: String
    let cents: Int
}

// [sdk]
enum PaymentsSDK {
    // Swift 6 rejects a plain `static var` here: any thread can reach
    // it. `nonisolated(unsafe)` promises "I synchronise this myself".
    // Nothing does, and that broken promise is the lesson. (The keys
    // stay under 16 bytes, so Swift stores them inline and the race
    // picks a wrong key rather than corrupting memory.)
    nonisolated(unsafe) static var apiKey = ""

    static func charge(_ cents: Int) -> Receipt {
        Receipt(key: apiKey, cents: cents)
    }
}
// [/sdk]

// [checkout]
/// One tenant's checkout: configure the SDK, then charge.
func checkout(key: String, cents: Int) -> Receipt {
    PaymentsSDK.apiKey = key
    yieldNow()      // real code does work here; threads may switch
    return PaymentsSDK.charge(cents)
}
// [/checkout]

scenario("two tenants") {
    let a = spawn("tenant-a") { checkout(key: "sk_a", cents: 100) }
    let b = spawn("tenant-b") { checkout(key: "sk_b", cents: 250) }
    let (ra, rb) = (a.join(), b.join())
    check(ra.key == "sk_a", "tenant a was charged with key \(ra.key)")
    check(rb.key == "sk_b", "tenant b was charged with key \(rb.key)")
}
