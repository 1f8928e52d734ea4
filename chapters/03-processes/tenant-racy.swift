// Deliberately wrong: the parent sets the SDK's global API key at run time, then starts a
// pool. Spawned workers re-execute the program and never see the parent's assignment.
import ParLearnKit

// [sdk]
/// A payments SDK that keeps one process-wide key, as many Python SDKs do (`stripe.api_key`).
enum PaymentsSDK {
    // nonisolated(unsafe): the SDK's global is the lesson; each process has its own copy.
    nonisolated(unsafe) static var apiKey = "sk_default"

    static func charge(_ cents: Int) -> String { "charged \(cents) with \(apiKey)" }
}

let charge = EntryPoint("charge") { (cents: Int) in PaymentsSDK.charge(cents) }
// [/sdk]

// [scenario]
processScenario("the tenant's key") {
    PaymentsSDK.apiKey = "sk_acme"              // the parent's memory only
    let pool = try ProcessPool(workers: 2)
    let receipts = try pool.map(charge, [1200, 800])
    pool.shutdown()
    for receipt in receipts {
        check(receipt.hasSuffix("sk_acme"), "\"\(receipt)\": the worker used another key")
    }
}
// [/scenario]
