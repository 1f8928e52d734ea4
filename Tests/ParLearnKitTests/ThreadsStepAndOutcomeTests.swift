import XCTest

@testable import ParLearnKit

/// Step mode (pause after a prefix and describe the state) and outcomes mode (tally every
/// schedule's `outcome`), run in-process.
final class ThreadsStepAndOutcomeTests: XCTestCase {
    private let settings = ThreadExplorer.Settings(sourceLines: false)

    /// Two threads each do `hits.value += 1`; the outcome is the final count.
    private static let twoIncrements: @Sendable () -> Void = {
        let hits = Shared(0, "hits")
        let workers = (1...2).map { i in spawn("T\(i)") { hits.value += 1 } }
        for w in workers { w.join() }
        outcome(hits.value, [2: .acceptable("both counted"), 1: .forbidden("one lost")])
    }

    private func step(_ schedule: String, _ body: @escaping @Sendable () -> Void) -> ScenarioReport {
        ThreadExplorer.explore(request: RunRequest(mode: .step, schedule: schedule), settings: settings, body: body)
    }

    private func tally(_ body: @escaping @Sendable () -> Void) -> OutcomeTally? {
        let request = RunRequest(mode: .outcomes, strategy: .dfs, schedules: 1000, preemptionBound: 1000)
        return ThreadExplorer.explore(request: request, settings: settings, body: body).outcomes
    }

    /// The hand count: T1's and T2's read/write pairs interleave in 6 ways, and main's `join T1`
    /// fits in 3, 2, 2, 1, 1, 1 places after them: 10 schedules. Only the 4 where one thread's
    /// pair ends before the other's starts (3 + 1) keep both increments.
    func testOutcomesOfTwoIncrementsMatchTheHandCountAndEachWitnessReplaysToIt() throws {
        let result = try XCTUnwrap(tally(Self.twoIncrements))
        XCTAssertTrue(result.exhaustive)
        XCTAssertFalse(result.truncated)
        XCTAssertEqual(result.schedules, 10)
        XCTAssertEqual(result.outcomes.map(\.value), ["1", "2"])
        XCTAssertEqual(result.outcomes.map(\.count), [6, 4])
        XCTAssertEqual(result.outcomes.map(\.tag), [.forbidden, .acceptable])
        XCTAssertEqual(result.outcomes.first?.note, "one lost")
        for entry in result.outcomes {
            // Each witness is a complete schedule that ends with its outcome.
            let replayed = ThreadExplorer.explore(
                request: RunRequest(mode: .replay, schedule: entry.witness), settings: settings,
                body: Self.twoIncrements)
            XCTAssertNil(replayed.scheduleMismatch, entry.witness)
            XCTAssertEqual(
                replayed.trace.last(where: { $0.operation == "read hits" })?.value, entry.value, entry.witness)
        }
    }

    /// Values the annotations name but no schedule produces are listed as unseen, with count 0.
    func testAnnotatedOutcomesThatNeverHappenAreListedAsUnseen() throws {
        let result = try XCTUnwrap(
            tally {
                let x = Atomic(0, "x")
                let t = spawn("T1") { x.wrappingAdd(1) }
                t.join()
                outcome(x.load(), [1: .acceptable(), 0: .forbidden("the add vanished")])
            })
        XCTAssertEqual(result.outcomes.map(\.value), ["1"])
        XCTAssertEqual(result.unseen.map(\.value), ["0"])
        XCTAssertEqual(result.unseen.first?.tag, .forbidden)
        XCTAssertTrue(result.declared)
    }

    func testStepModeStopsAfterThePrefixAndShowsPendingOperationsAndValues() throws {
        let report = step("T1-bc", Self.twoIncrements)
        let point = try XCTUnwrap(report.decisionPoint, report.message)
        XCTAssertEqual(point.step, 2)
        XCTAssertEqual(point.threads.map(\.name), ["main", "T1", "T2"])
        XCTAssertEqual(point.threads.map(\.status), [.blocked, .runnable, .runnable])
        XCTAssertEqual(point.threads.map(\.operation), ["join T1", "write hits = 1", "write hits = 1"])
        XCTAssertEqual(point.threads[0].waitsFor, "join T1")
        XCTAssertEqual(point.runnable, [1, 2])
        XCTAssertEqual(point.shared, [PrimitiveState(kind: "Shared", name: "hits", value: "0")])
        XCTAssertEqual(report.trace.map(\.operation), ["spawn T1", "spawn T2", "read hits", "read hits"])
        XCTAssertEqual(report.schedule, "T1-bc")
    }

    /// Undo is a replay of the shorter prefix: the same prefix always gives the same state.
    func testTheSamePrefixGivesTheSameStateWhateverCameBefore() {
        let first = step("T1-b", Self.twoIncrements).decisionPoint
        _ = step("T1-bcb", Self.twoIncrements)
        XCTAssertEqual(step("T1-b", Self.twoIncrements).decisionPoint, first)
        XCTAssertNotNil(first)
    }

    func testStepModeShowsTheLockHolderAndWhoWaitsForIt() throws {
        let body: @Sendable () -> Void = {
            let balance = Mutex(100, "balance")
            let a = spawn("T1") { balance.withLock { $0 -= 30 } }
            let b = spawn("T2") { balance.withLock { $0 -= 50 } }
            a.join()
            b.join()
        }
        // T1 takes the lock and stops before its unlock; T2 then waits for it.
        let report = step("T1-b", body)
        let point = try XCTUnwrap(report.decisionPoint, report.message)
        let t2 = try XCTUnwrap(point.threads.first { $0.name == "T2" })
        XCTAssertEqual(t2.status, .blocked)
        XCTAssertEqual(t2.operation, "lock(balance)")
        XCTAssertEqual(t2.waitsFor, "lock balance")
        XCTAssertEqual(t2.heldBy, "T1")
        XCTAssertEqual(
            point.shared, [PrimitiveState(kind: "Mutex", name: "balance", value: "70", holder: "T1", waiters: ["T2"])])
    }

    func testAPrefixThatReachesTheFailureReportsItInsteadOfPausing() {
        let body: @Sendable () -> Void = {
            let hits = Shared(0, "hits")
            let workers = (1...2).map { i in spawn("T\(i)") { hits.value += 1 } }
            for w in workers { w.join() }
            check(hits.value == 2, "lost one")
        }
        let report = step("T1-bc2ba3", body)
        XCTAssertNil(report.decisionPoint)
        XCTAssertEqual(report.kind, .invariant)
        XCTAssertEqual(report.message, "lost one")
    }
}
