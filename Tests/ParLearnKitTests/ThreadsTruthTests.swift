import XCTest
@testable import ParLearnKit

/// Issue 13: the checker says what CHESS would say (preemptions, fairness, gate locks) and
/// shows the bug it found.
final class ThreadsTruthTests: XCTestCase {
    // MARK: Preemption counting

    /// main spawns T1 { a = 1; b = 1 }, then loads a and b, then joins T1. The two stores (sa, sb)
    /// interleave with the two loads (la, lb) in 6 ways; a switch away from a thread that could
    /// go on is a preemption, including the first switch from main. Worked out by hand:
    ///   la lb sa sb → 0 (main blocks in join, T1 runs freely)
    ///   la sa sb lb → 1    sa sb la lb → 1
    ///   la sa lb sb → 2    sa la lb sb → 2
    ///   sa la sb lb → 3
    /// Only "sa la lb sb" lets main see a = 1 and b = 0: that bug needs exactly 2 preemptions.
    private static func storesAndLoads(checked: Bool) -> @Sendable () -> Void {
        {
            let a = Atomic(0, "a"), b = Atomic(0, "b")
            let t = spawn("T1") {
                a.store(1, ordering: .relaxed)
                b.store(1, ordering: .relaxed)
            }
            let seenA = a.load(ordering: .relaxed), seenB = b.load(ordering: .relaxed)
            if checked { check(!(seenA == 1 && seenB == 0), "main saw a = 1 but b = 0") }
            t.join()
        }
    }

    func testDFSCountsPreemptionsAsCHESSDoes() {
        for (bound, expected) in [(0, 1), (1, 3), (2, 5), (3, 6)] {
            let report = exploreThreads(Self.storesAndLoads(checked: false), strategy: .dfs, bound: bound).report
            XCTAssertEqual(report.verdict, .clean, "bound \(bound)")
            XCTAssertEqual(report.schedulesRun, expected, "bound \(bound)")
        }
    }

    func testABugThatNeedsTwoPreemptionsShowsTwoAndBoundOneMissesIt() {
        let body = Self.storesAndLoads(checked: true)
        let one = exploreThreads(body, strategy: .dfs, bound: 1).report
        XCTAssertEqual(one.verdict, .clean, one.message)
        let two = exploreThreads(body, strategy: .dfs, bound: 2).report
        XCTAssertEqual(two.kind, .invariant, two.message)
        XCTAssertEqual(two.preemptions, 2)
        // Replays of hand-picked schedules (ids: main 0, T1 1) count the same way.
        for (schedule, preemptions) in [("T1-a2b2a", 0), ("T1-b2a3", 1), ("T1-baba2", 3)] {
            let report = replayThreads(schedule, Self.storesAndLoads(checked: false))
            XCTAssertNil(report.scheduleMismatch, schedule)
            XCTAssertEqual(report.preemptions, preemptions, schedule)
        }
    }
}
