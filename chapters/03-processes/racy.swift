// Deliberately racy: two worker processes move money between two accounts kept in shared
// memory, with no lock, so one update can overwrite the other and money disappears.
import ParLearnKit

// [transfer]
/// One transfer job. The accounts travel inside the input: a worker shares nothing else.
struct Transfer: Codable, Sendable {
    var accounts: SharedMemory
    var from: Int
    var to: Int
    var amount: Int
}

/// Runs in a worker process. Each line is a load and a store of shared memory.
let transfer = EntryPoint("transfer") { (job: Transfer) in
    job.accounts[job.from] -= job.amount
    job.accounts[job.to] += job.amount
}
// [/transfer]

// [scenario]
processScenario("two transfers") {
    let accounts = try SharedMemory("account", count: 2, initialValue: 100)
    let w1 = try spawnProcess("W1", transfer, input: Transfer(accounts: accounts, from: 0, to: 1, amount: 30))
    let w2 = try spawnProcess("W2", transfer, input: Transfer(accounts: accounts, from: 1, to: 0, amount: 50))
    try w1.join()
    try w2.join()
    let total = accounts[0] + accounts[1]
    check(total == 200, "the bank holds \(total), expected 200")
}
// [/scenario]
