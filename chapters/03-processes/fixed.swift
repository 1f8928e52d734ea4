// The fixed twin of racy.swift: a transfer holds the region's process-shared lock, so its
// two updates happen as one step for every other process.
import ParLearnKit

struct Transfer: Codable, Sendable {
    var accounts: SharedMemory
    var from: Int
    var to: Int
    var amount: Int
}

// [transfer]
let transfer = EntryPoint("transfer") { (job: Transfer) in
    job.accounts.lock.withLock {
        job.accounts[job.from] -= job.amount
        job.accounts[job.to] += job.amount
    }
}
// [/transfer]

processScenario("two transfers") {
    let accounts = try SharedMemory("account", count: 2, initialValue: 100)
    let w1 = try spawnProcess("W1", transfer, input: Transfer(accounts: accounts, from: 0, to: 1, amount: 30))
    let w2 = try spawnProcess("W2", transfer, input: Transfer(accounts: accounts, from: 1, to: 0, amount: 50))
    try w1.join()
    try w2.join()
    let total = accounts.lock.withLock { accounts[0] + accounts[1] }
    check(total == 200, "the bank holds \(total), expected 200")
}
