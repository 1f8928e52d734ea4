// The fixed twin of tenant-racy.swift: each tenant owns a client that
// carries its key, as in openai-python 1.x (`OpenAI(api_key=...)`) and
// stripe-python 8 (`StripeClient(...)`).
import ParLearnKit

/// What the payment service saw: which key signed which charge.
struct Receipt: Sendable {
    let key: String
    let cents: Int
}

// [client]
/// Immutable configuration, so it is Sendable and safe to share.
struct PaymentsClient: Sendable {
    let apiKey: String

    func charge(_ cents: Int) -> Receipt {
        Receipt(key: apiKey, cents: cents)
    }
}

func checkout(with client: PaymentsClient, cents: Int) -> Receipt {
    yieldNow()      // the same switch point as before: now harmless
    return client.charge(cents)
}
// [/client]

scenario("two tenants") {
    let a = spawn("tenant-a") {
        checkout(with: PaymentsClient(apiKey: "sk_a"), cents: 100)
    }
    let b = spawn("tenant-b") {
        checkout(with: PaymentsClient(apiKey: "sk_b"), cents: 250)
    }
    let (ra, rb) = (a.join(), b.join())
    check(ra.key == "sk_a", "tenant a was charged with key \(ra.key)")
    check(rb.key == "sk_b", "tenant b was charged with key \(rb.key)")
}
