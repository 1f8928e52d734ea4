// The fixed twin of tasklocal-racy.swift: the key is a task-local
// value, Swift's counterpart of Python's contextvars.ContextVar. Each
// task (and every child task it starts) sees the value it was given.
import ParLearnKit

/// What the payment service saw: which key signed which charge.
struct Receipt: Sendable {
    let key: String
    let cents: Int
}

// [sdk]
enum PaymentsSDK {
    /// The key of the current task. Bind it with `$apiKey.withValue`.
    @TaskLocal static var apiKey = ""

    static func charge(_ cents: Int) async -> Receipt {
        let key = apiKey
        await sleep(for: .milliseconds(20))     // the HTTPS round trip
        return Receipt(key: key, cents: cents)
    }
}
// [/sdk]

// [checkout]
func checkout(key: String, cents: Int) async -> Receipt {
    await PaymentsSDK.$apiKey.withValue(key) {
        await sleep(for: .milliseconds(5))      // load the basket
        return await PaymentsSDK.charge(cents)
    }
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
