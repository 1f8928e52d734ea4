// Deliberately racy, and accepted by the Swift 6 compiler: the actor
// checks the balance, suspends to write an audit record, and withdraws
// afterwards. Another withdrawal runs during the suspension.
import ParLearnKit

// [audit]
/// A remote audit service: recording a line takes a round trip.
actor AuditLog {
    private var lines: [String] = []
    func record(_ line: String) async {
        await sleep(for: .milliseconds(10))
        lines.append(line)
    }
}
// [/audit]

// [bank]
actor Bank {
    private(set) var balance: Int
    private let audit = AuditLog()
    init(balance: Int) { self.balance = balance }

    func withdraw(_ amount: Int, by who: String) async -> Bool {
        guard balance >= amount else { return false }
        await audit.record("\(who) takes \(amount)")  // suspends here
        balance -= amount             // the check above may be stale
        return true
    }
}
// [/bank]

// [scenario]
scenario("two withdrawals") {
    let bank = Bank(balance: 100)
    let a = spawnTask("alice") { await bank.withdraw(60, by: "alice") }
    let b = spawnTask("bob") { await bank.withdraw(60, by: "bob") }
    _ = await (a.value, b.value)
    let balance = await bank.balance
    check(balance >= 0, "the balance is \(balance): overdrawn")
}
// [/scenario]
