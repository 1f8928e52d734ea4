import XCTest
import Synchronization
@testable import ParLearnKit

/// A Sendable class: the compiler lets it into an `any Sendable` queue, the run-time check not.
private final class Token: Sendable {
    let id: Int
    init(_ id: Int) { self.id = id }
}

private struct Failure: Error, CustomStringConvertible {
    var description: String { "no such account" }
}

private let tenantKey = IsolateLocal("none", "tenantKey")
private let sharedKey = ProcessGlobal("none", "sharedKey")

/// The isolate model on real threads (plain mode) and under the checker.
final class IsolatesTests: XCTestCase {
    private func explore(schedules: Int = 500, seed: UInt64 = 0,
                         _ body: @escaping @Sendable () -> Void) -> ScenarioReport {
        let request = RunRequest(mode: .explore, strategy: .portfolio, schedules: schedules, seed: seed)
        return ThreadExplorer.explore(request: request, settings: .init(sourceLines: false), body: body)
    }

    // MARK: Plain mode

    /// Two isolates wait for each other: this finishes only if they really run at the same time.
    func testIsolatesRunInParallelOnTheirOwnThreads() throws {
        let arrived = Synchronization.Atomic<Int>(0)
        let meet: @Sendable () -> Bool = {
            arrived.add(1, ordering: .relaxed)
            let deadline = ContinuousClock.now + .seconds(10)
            while arrived.load(ordering: .relaxed) < 2 {
                if ContinuousClock.now > deadline { return false }
            }
            return true
        }
        let a = Isolate("A").run(meet), b = Isolate("B").run(meet)
        XCTAssertEqual(try a.value(), true)
        XCTAssertEqual(try b.value(), true)
    }

    func testAThrownErrorComesBackAndTheOtherIsolatesGoOn() throws {
        let failing = Isolate("failing"), healthy = Isolate("healthy")
        let bad = failing.run { () throws -> Int in throw Failure() }
        let good = healthy.run { 21 * 2 }
        XCTAssertEqual(bad.result().mapError { $0 } .failureValue,
                       .executionFailed(isolate: "failing", errorType: "Failure", message: "no such account"))
        XCTAssertEqual(try good.value(), 42)
        XCTAssertEqual(try failing.call { "still serving" }, "still serving", "the failing isolate goes on too")
    }

    func testARegisteredFunctionRunsOnAShareableArgument() throws {
        let square = WorkFunction("square") { (n: Int) in n * n }
        XCTAssertEqual(try Isolate("I").call(square, 7), 49)
        let wrap = WorkFunction("wrap") { (v: any Sendable) in "\(v)" }
        XCTAssertEqual(Isolate("J").run(wrap, Token(1)).result().failureValue,
                       .notShareable(type: "Token (a class: its instances are shared, not copied)"))
    }

    func testWorkGivenToAClosedIsolateFails() {
        let isolate = Isolate("done")
        isolate.close()
        XCTAssertEqual(isolate.run { 1 }.result().failureValue, .closed("isolate done"))
    }

    func testAQueueRefusesANonShareableValueAndKeepsTheRest() throws {
        let queue = IsolateQueue<any Sendable>("mixed")
        try queue.put(1)
        XCTAssertThrowsError(try queue.put([("a", Token(2))])) { error in
            XCTAssertEqual("\(error)", "Token (a class: its instances are shared, not copied) is not shareable "
                + "between isolates: only numbers, strings, booleans, tuples, arrays, structs and enums of those, "
                + "a SharedBuffer or an IsolateQueue can cross")
        }
        try queue.put((2, "two", [3.0]))
        try queue.put(SharedBuffer([1, 2], "shared"))
        queue.close()
        XCTAssertThrowsError(try queue.put(4)) { XCTAssertEqual($0 as? IsolateError, .queueClosed(queue: "mixed")) }
        var drained: [String] = []
        while let value = queue.get() { drained.append("\(type(of: value))") }
        XCTAssertEqual(drained, ["Int", "(Int, String, Array<Double>)", "SharedBuffer<Int>"])
    }

    func testEachIsolateHasItsOwnCopyOfModuleState() throws {
        let a = Isolate("A"), b = Isolate("B")
        try a.call { tenantKey.value = "sk_a" }
        try b.call { tenantKey.value = "sk_b" }
        XCTAssertEqual(try a.call { tenantKey.value }, "sk_a")
        XCTAssertEqual(try b.call { tenantKey.value }, "sk_b")
        XCTAssertEqual(try Isolate("C").call { tenantKey.value }, "none", "a new isolate starts from the initial value")
    }

    func testAHandedOverBufferArrivesWhole() throws {
        let ledger = OwnedBuffer([1, 2, 3], "ledger")
        let sum = Isolate("owner").run(handing: ledger) { buffer in (0..<buffer.count).reduce(0) { $0 + buffer[$1] } }
        XCTAssertEqual(try sum.value(), 6)
    }

    // MARK: Under the checker

    func testTwoIsolatesWritingAProcessGlobalIsAnIsolationBreach() {
        let report = explore {
            let a = Isolate("A").run { sharedKey.value = "a" }
            let b = Isolate("B").run { sharedKey.value = "b" }
            _ = a.result()
            _ = b.result()
        }
        XCTAssertEqual(report.verdict, .bug, report.message)
        XCTAssertEqual(report.kind, .isolationBreach)
        XCTAssertTrue(report.message.hasPrefix("isolation breach on sharedKey: isolate "), report.message)
        XCTAssertTrue(report.message.contains("isolate A writes it") && report.message.contains("isolate B writes it"),
                      report.message)
        XCTAssertEqual(Set(report.threads), ["main", "A", "B"], "one column per isolate")
    }

    func testPerIsolateStateIsNoBreach() {
        let report = explore {
            let a = Isolate("A").run { tenantKey.value = "a"; return tenantKey.value }
            let b = Isolate("B").run { tenantKey.value = "b"; return tenantKey.value }
            check((try? a.value()) == "a" && (try? b.value()) == "b", "an isolate saw another's key")
            check(tenantKey.value == "none", "main's copy changed")
        }
        XCTAssertEqual(report.verdict, .clean, "\(report.message) \(report.details)")
        XCTAssertEqual(report.schedulesRun, 500)
    }

    func testUncoordinatedBufferWritesAreARaceBetweenIsolates() {
        let report = explore {
            let cells = SharedBuffer([0], "cells")
            let a = Isolate("A").run { cells[0] = 1 }
            let b = Isolate("B").run { cells[0] = 2 }
            _ = a.result()
            _ = b.result()
        }
        XCTAssertEqual(report.kind, .dataRace, report.message)
        XCTAssertTrue(report.message.hasPrefix("data race on cells[0]: write by "), report.message)
        XCTAssertTrue(report.message.contains("by A") && report.message.contains("by B"), report.message)
    }

    func testAHandOverThroughAQueueIsOrdered() {
        let report = explore {
            let cells = SharedBuffer([0], "cells")
            let handOff = IsolateQueue<SharedBuffer<Int>>("hand-off")
            let a = Isolate("A").run {
                cells[0] = 1
                try handOff.put(cells)
            }
            let b = Isolate("B").run { () -> Int in
                guard let mine = handOff.get() else { return -1 }
                mine[0] += 1
                return mine[0]
            }
            _ = a.result()
            check((try? b.value()) == 2, "B saw the buffer before A was done")
        }
        XCTAssertEqual(report.verdict, .clean, "\(report.message) \(report.details)")
    }

    func testEveryQueueOperationIsASchedulingPointInTheIsolatesColumn() {
        let report = explore(schedules: 300) {
            let numbers = IsolateQueue<Int>("numbers", maxSize: 1)
            let producer = Isolate("producer").run { for i in 1...2 { try numbers.put(i) }; numbers.close() }
            let consumer = Isolate("consumer").run {
                var seen: [Int] = []
                while let n = numbers.get() { seen.append(n) }
                return seen
            }
            _ = producer.result()
            let seen = (try? consumer.value()) ?? []
            check(seen == [1, 2, 3], "the consumer saw \(seen)")
        }
        XCTAssertEqual(report.kind, .invariant)
        let columns = report.threads
        let puts = report.trace.filter { $0.operation == "put(numbers)" }
        XCTAssertEqual(puts.count, 2)
        XCTAssertTrue(puts.allSatisfy { columns[$0.thread] == "producer" })
        XCTAssertEqual(report.trace.filter { $0.operation == "get(numbers)" }.map { columns[$0.thread] },
                       ["consumer", "consumer", "consumer"])
    }

    func testTheSameSeedGivesTheSameReport() {
        let body: @Sendable () -> Void = {
            let a = Isolate("A").run { sharedKey.value = "a"; return sharedKey.value }
            let b = Isolate("B").run { sharedKey.value = "b"; return sharedKey.value }
            check((try? a.value()) == "a" && (try? b.value()) == "b", "a tenant saw another's key")
        }
        var first = explore(seed: 7, body), second = explore(seed: 7, body)
        first.elapsed = nil
        second.elapsed = nil
        XCTAssertEqual(first, second)
        XCTAssertEqual(first.kind, .invariant)
        XCTAssertTrue(first.details.contains { $0.hasPrefix("isolation breach on sharedKey") }, "\(first.details)")
    }
}

extension Result {
    var failureValue: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
