// The fixed twin of tenant-racy.swift: the pool's initializer gives every worker the key,
// in the worker's own memory, before its first job.
import ParLearnKit

enum PaymentsSDK {
    // nonisolated(unsafe): one key per process, written once by the initializer before any job.
    nonisolated(unsafe) static var apiKey = "sk_default"

    static func charge(_ cents: Int) -> String { "charged \(cents) with \(apiKey)" }
}

let charge = EntryPoint("charge") { (cents: Int) in PaymentsSDK.charge(cents) }

// [initializer]
let configure = EntryPoint("configure") { (key: String) in PaymentsSDK.apiKey = key }

processScenario("the tenant's key") {
    let pool = try ProcessPool(workers: 2, initializer: configure, initialInput: "sk_acme")
    let receipts = try pool.map(charge, [1200, 800])
    pool.shutdown()
    for receipt in receipts {
        check(receipt.hasSuffix("sk_acme"), "\"\(receipt)\": the worker used another key")
    }
}
// [/initializer]
