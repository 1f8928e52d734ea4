import XCTest
@testable import ParLearnKit

// The canary corpus of the async engine (issue 3 §7): each bug with its fixed twin.
// Budgets: every canary is found within `findBudget` schedules for each seed 0..<20 with the
// default portfolio; every twin stays clean for 5,000 schedules.

private let findBudget = 50
private let twinSchedules = 5_000

// MARK: 1. Actor reentrancy in withdraw (check, await, act)

private actor Auditor {
    var entries: [String] = []
    func record(_ entry: String) { entries.append(entry) }
}

private actor Bank {
    var balance = 100
    let auditor = Auditor()

    func withdraw(_ amount: Int) async -> Bool {
        guard balance >= amount else { return false }
        await auditor.record("withdraw \(amount)")  // the actor may run another withdraw here
        balance -= amount
        return true
    }

    func withdrawFixed(_ amount: Int) async -> Bool {
        guard balance >= amount else { return false }
        balance -= amount  // act before the await: no other call can slip in between
        await auditor.record("withdraw \(amount)")
        return true
    }
}

@Sendable private func overdraft(fixed: Bool) async {
    let bank = Bank()
    let a = spawnTask("alice") { fixed ? await bank.withdrawFixed(60) : await bank.withdraw(60) }
    let b = spawnTask("bob") { fixed ? await bank.withdrawFixed(60) : await bank.withdraw(60) }
    _ = await (a.value, b.value)
    let balance = await bank.balance
    check(balance >= 0, "balance went negative: \(balance)")
}

// MARK: 2. Lost update across an await in a non-actor class

private actor Supplier {
    func deliver() -> Int { 5 }
}

/// Deliberately unsynchronised shared state: the lesson. @unchecked Sendable lets two tasks
/// share it; under the checker their jobs run one at a time on one thread, so the test has no
/// real data race, only the interleaving bug.
private final class Inventory: @unchecked Sendable {
    var stock = 0
}

private actor SafeInventory {
    var stock = 0
    func add(_ n: Int) { stock += n }
}

@Sendable private func lostUpdate() async {
    let inventory = Inventory()
    let supplier = Supplier()
    let tasks = ["north", "south"].map { name in
        spawnTask(name) {
            let current = inventory.stock
            let delivered = await supplier.deliver()  // suspension between read and write
            inventory.stock = current + delivered
        }
    }
    for task in tasks { await task.value }
    check(inventory.stock == 10, "stock is \(inventory.stock), expected 10: an update was lost")
}

@Sendable private func lostUpdateFixed() async {
    let inventory = SafeInventory()
    let supplier = Supplier()
    let tasks = ["north", "south"].map { name in
        spawnTask(name) {
            let delivered = await supplier.deliver()
            await inventory.add(delivered)  // read and write in one actor call
        }
    }
    for task in tasks { await task.value }
    let stock = await inventory.stock
    check(stock == 10, "stock is \(stock), expected 10: an update was lost")
}

// MARK: 3. A global API key shared by concurrent tenants vs @TaskLocal

/// A global configuration object, the bug being taught: every tenant writes the same key.
/// @unchecked Sendable: the engine runs one job at a time, the lesson is the interleaving.
private final class GlobalConfig: @unchecked Sendable {
    var apiKey = ""
}
private let globalConfig = GlobalConfig()

private enum RequestContext {
    @TaskLocal static var apiKey = ""
}

private actor APIClient {
    func fetch(usingTaskLocal: Bool) -> String {
        "data for \(usingTaskLocal ? RequestContext.apiKey : globalConfig.apiKey)"
    }
}

@Sendable private func tenants(fixed: Bool) async {
    let client = APIClient()
    let tasks = ["acme", "globex"].map { tenant in
        spawnTask(tenant) { () -> (String, String) in
            if fixed {
                return (tenant, await RequestContext.$apiKey.withValue(tenant) { await client.fetch(usingTaskLocal: true) })
            }
            globalConfig.apiKey = tenant
            return (tenant, await client.fetch(usingTaskLocal: false))
        }
    }
    for task in tasks {
        let (tenant, data) = await task.value
        check(data == "data for \(tenant)", "\(tenant) received \"\(data)\": another tenant's key was used")
    }
}

// MARK: 4. An AsyncStream whose producer never finishes

@Sendable private func stream(fixed: Bool) async {
    let (numbers, continuation) = AsyncStream.makeStream(of: Int.self)
    let producer = spawnTask("producer") {
        for n in 1...3 { continuation.yield(n) }
        if fixed { continuation.finish() }
    }
    let consumer = spawnTask("consumer") { () -> Int in
        var sum = 0
        for await n in numbers { sum += n }
        return sum
    }
    await producer.value
    let sum = await consumer.value
    check(sum == 6, "sum is \(sum)")
}

// MARK: 5. Ignored cancellation

@Sendable private func cancellation(fixed: Bool) async {
    let worker = spawnTask("worker") { () -> Int in
        var chunks = 0
        for _ in 0..<10 {
            if fixed && Task.isCancelled { break }
            await sleep(for: .seconds(1))
            chunks += 1
        }
        return chunks
    }
    await sleep(for: .milliseconds(3500))
    worker.cancel()
    let chunks = await worker.value
    check(chunks <= 4, "the worker did \(chunks) chunks of work after being cancelled at 3.5 s")
}

// MARK: 6. A task-group result-order assumption

private actor Squarer {
    func square(_ n: Int) -> Int { n * n }
}

@Sendable private func groupOrder(fixed: Bool) async {
    let squarer = Squarer()
    let results = await withTaskGroup(of: (Int, Int).self) { group in
        for n in 1...3 { group.addTask { (n, await squarer.square(n)) } }
        var collected: [(Int, Int)] = []
        for await result in group { collected.append(result) }
        return collected
    }
    let squares = (fixed ? results.sorted { $0.0 < $1.0 } : results).map(\.1)
    check(squares == [1, 4, 9], "squares came back as \(squares), expected [1, 4, 9]")
}

final class AsyncCanaryTests: XCTestCase {
    private struct Canary {
        var name: String
        var kind: BugKind
        var bug: @Sendable () async -> Void
        var fixed: @Sendable () async -> Void
    }

    private let corpus: [Canary] = [
        Canary(name: "reentrancy", kind: .invariant, bug: { await overdraft(fixed: false) }, fixed: { await overdraft(fixed: true) }),
        Canary(name: "lost update", kind: .invariant, bug: lostUpdate, fixed: lostUpdateFixed),
        Canary(name: "global key", kind: .invariant, bug: { await tenants(fixed: false) }, fixed: { await tenants(fixed: true) }),
        Canary(name: "stream", kind: .deadlock, bug: { await stream(fixed: false) }, fixed: { await stream(fixed: true) }),
        Canary(name: "cancellation", kind: .invariant, bug: { await cancellation(fixed: false) }, fixed: { await cancellation(fixed: true) }),
        Canary(name: "group order", kind: .invariant, bug: { await groupOrder(fixed: false) }, fixed: { await groupOrder(fixed: true) }),
    ]

    func testEveryCanaryIsFoundForSeeds0To19() {
        for canary in corpus {
            for seed in UInt64(0)..<20 {
                let report = exploreAsync(schedules: findBudget, seed: seed, canary.bug)
                XCTAssertEqual(report.verdict, .bug, "\(canary.name), seed \(seed): \(report.message)")
                XCTAssertEqual(report.kind, canary.kind, "\(canary.name), seed \(seed): \(report.message)")
                XCTAssertLessThanOrEqual(report.schedulesRun, findBudget)
            }
        }
    }

    func testEveryTwinIsCleanFor5000Schedules() {
        for canary in corpus {
            let report = exploreAsync(schedules: twinSchedules, canary.fixed)
            XCTAssertEqual(report.verdict, .clean, "\(canary.name) twin: \(report.message) \(report.schedule ?? "")")
            XCTAssertEqual(report.schedulesRun, twinSchedules, canary.name)
        }
    }

    func testEveryFailureReplaysIdentically() throws {
        for canary in corpus {
            let found = exploreAsync(seed: 7, canary.bug)
            let schedule = try XCTUnwrap(found.schedule, canary.name)
            XCTAssertTrue(schedule.hasPrefix("A1-"), schedule)
            let replayed = replayAsync(schedule, canary.bug)
            XCTAssertNil(replayed.scheduleMismatch, canary.name)
            XCTAssertEqual(replayed.kind, found.kind, canary.name)
            XCTAssertEqual(replayed.message, found.message, canary.name)
            XCTAssertEqual(replayed.trace, found.trace, canary.name)
            XCTAssertEqual(replayed.threads, found.threads, canary.name)
            XCTAssertEqual(replayed.schedule, schedule, canary.name)
            XCTAssertFalse(found.trace.isEmpty, canary.name)
        }
    }

    func testMinimisationNeverAddsPreemptions() throws {
        var unminimised = AsyncExplorer.Settings(selfTest: false)
        unminimised.minimiseBudget = 0
        var reduced = 0
        for canary in corpus {
            for seed in UInt64(0)..<5 {
                let raw = exploreAsync(seed: seed, strategy: .random, settings: unminimised, canary.bug)
                let minimal = exploreAsync(seed: seed, strategy: .random, canary.bug)
                let before = try XCTUnwrap(raw.preemptions), after = try XCTUnwrap(minimal.preemptions)
                XCTAssertLessThanOrEqual(after, before, "\(canary.name), seed \(seed)")
                XCTAssertEqual(minimal.kind, raw.kind, "\(canary.name), seed \(seed)")
                if after < before { reduced += 1 }
            }
        }
        XCTAssertGreaterThan(reduced, 0, "random walks preempt freely; minimisation should shorten some")
    }
}
