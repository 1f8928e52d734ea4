// The fixed twin of racy.swift, two ways: change the state before the
// suspension, or check again after it.
import ParLearnKit

/// A remote audit service: recording a line takes a round trip.
actor AuditLog {
    private var lines: [String] = []
    func record(_ line: String) async {
        await sleep(for: .milliseconds(10))
        lines.append(line)
    }
}

actor Bank {
    private(set) var balance: Int
    private let audit = AuditLog()
    init(balance: Int) { self.balance = balance }

// [debit-first]
    /// Check and debit with no `await` in between, then log.
    func withdraw(_ amount: Int, by who: String) async -> Bool {
        guard balance >= amount else { return false }
        balance -= amount
        await audit.record("\(who) took \(amount)")
        return true
    }
// [/debit-first]

// [recheck]
    /// Log the request first, then check again before debiting.
    func withdrawAfterLogging(_ amount: Int, by who: String) async
        -> Bool {
        guard balance >= amount else { return false }
        await audit.record("\(who) asks for \(amount)")
        guard balance >= amount else { return false }  // look again
        balance -= amount
        return true
    }
// [/recheck]
}

scenario("debit before the await") {
    let bank = Bank(balance: 100)
    let a = spawnTask("alice") { await bank.withdraw(60, by: "alice") }
    let b = spawnTask("bob") { await bank.withdraw(60, by: "bob") }
    let paid = await [a.value, b.value].filter { $0 }.count
    let balance = await bank.balance
    check(balance == 100 - 60 * paid, "balance \(balance) after \(paid)")
    check(paid == 1, "\(paid) withdrawals of 60 from 100 succeeded")
}

scenario("check again after the await") {
    let bank = Bank(balance: 100)
    let a = spawnTask("alice") {
        await bank.withdrawAfterLogging(60, by: "alice")
    }
    let b = spawnTask("bob") {
        await bank.withdrawAfterLogging(60, by: "bob")
    }
    let paid = await [a.value, b.value].filter { $0 }.count
    let balance = await bank.balance
    check(balance == 100 - 60 * paid, "balance \(balance) after \(paid)")
    check(paid == 1, "\(paid) withdrawals of 60 from 100 succeeded")
}
