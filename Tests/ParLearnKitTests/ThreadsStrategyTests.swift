import XCTest
@testable import ParLearnKit

/// The strategies on their own, driven by a scripted "program": they only choose among ids.
final class ThreadsStrategyTests: XCTestCase {
    /// Drives `strategy` through `executions` runs of a fake program in which thread ids
    /// 0...2 are runnable in a fixed pattern, and returns every choice made.
    private func choices(_ strategy: inout some SchedulingStrategy, executions: Int = 20) -> [[Int]] {
        var all: [[Int]] = []
        for i in 0..<executions {
            guard strategy.beginExecution(index: i) else { break }
            var run: [Int] = []
            var current: Int? = nil
            for step in 0..<30 {
                let runnable = step % 7 == 3 ? [1, 2] : [0, 1, 2]
                let c = strategy.choose(runnable: runnable, current: current.flatMap { runnable.contains($0) ? $0 : nil })
                XCTAssertTrue(runnable.contains(c))
                run.append(c)
                current = c
            }
            strategy.endExecution(failed: false)
            all.append(run)
        }
        return all
    }

    func testSameSeedGivesSameChoices() {
        let makers: [(UInt64) -> any SchedulingStrategy] = [
            { RandomWalk(seed: $0) }, { PCTStrategy(seed: $0, depth: 3) }, { Portfolio(seed: $0) },
        ]
        for make in makers {
            var a = make(7), b = make(7), c = make(8)
            let shape = ExecutionShape(threads: 3, steps: 30)
            a.adopt(shape); b.adopt(shape); c.adopt(shape)
            let runA = choices(&a), runB = choices(&b), runC = choices(&c)
            XCTAssertEqual(runA, runB, "\(a.name): same seed, same choices")
            XCTAssertNotEqual(runA, runC, "\(a.name): another seed explores other schedules")
        }
    }

    /// Execution i depends only on (seed, i): running 5 alone gives what it gives in sequence.
    func testIndexedExecutionsDoNotDependOnTheirPredecessors() {
        var sequential = PCTStrategy(seed: 3, depth: 2)
        sequential.adopt(ExecutionShape(threads: 3, steps: 30))
        let all = choices(&sequential, executions: 6)
        var alone = PCTStrategy(seed: 3, depth: 2)
        alone.adopt(ExecutionShape(threads: 3, steps: 30))
        _ = alone.beginExecution(index: 5)
        var run: [Int] = []
        var current: Int? = nil
        for step in 0..<30 {
            let runnable = step % 7 == 3 ? [1, 2] : [0, 1, 2]
            let c = alone.choose(runnable: runnable, current: current.flatMap { runnable.contains($0) ? $0 : nil })
            run.append(c)
            current = c
        }
        XCTAssertEqual(run, all[5])
    }

    /// PCT with depth 1 never preempts: the highest-priority thread runs until it blocks.
    func testPCTDepthOneNeverPreempts() {
        var pct = PCTStrategy(seed: 1, depth: 1)
        pct.adopt(ExecutionShape(threads: 3, steps: 30))
        _ = pct.beginExecution(index: 1)
        let first = pct.choose(runnable: [0, 1, 2], current: nil)
        for _ in 0..<10 { XCTAssertEqual(pct.choose(runnable: [0, 1, 2], current: first), first) }
        XCTAssertTrue(pct.guarantee.contains("1/n = 1/3"), pct.guarantee)
    }

    func testPCTReportsTheGuaranteeWithMeasuredNAndK() {
        var pct = PCTStrategy(seed: 1, depth: 3)
        pct.adopt(ExecutionShape(threads: 4, steps: 25))
        XCTAssertTrue(pct.coverage(executions: 9).contains("1/(n·k^2) = 1/(4·25^2)"), pct.coverage(executions: 9))
    }

    func testReplayFollowsTheScheduleAndNoticesAMismatch() {
        var replay = ReplayStrategy(choices: [0, 1, 1])
        XCTAssertTrue(replay.beginExecution(index: 0))
        XCTAssertEqual(replay.choose(runnable: [0, 1], current: nil), 0)
        XCTAssertEqual(replay.choose(runnable: [0, 1], current: 0), 1)
        _ = replay.choose(runnable: [0, 2], current: 0)
        replay.endExecution(failed: false)
        XCTAssertEqual(replay.divergence, "this schedule does not match the program: at step 3 thread 1 is not runnable (runnable: [0, 2])")
        XCTAssertFalse(replay.beginExecution(index: 1), "a replay runs once")
    }

    func testScheduleStringsRoundTripAndRejectBadInput() throws {
        let choices = [0, 0, 0, 1, 0, 1, 1, 27, 27]
        let text = ScheduleString.encode(choices)
        XCTAssertEqual(text, "T1-a3bab2B2")
        XCTAssertEqual(try ScheduleString.decode(text), choices)
        XCTAssertThrowsError(try ScheduleString.decode("A1-ab")) { XCTAssertTrue("\($0)".contains("names engine A")) }
        XCTAssertThrowsError(try ScheduleString.decode("T3-ab")) { XCTAssertTrue("\($0)".contains("version 3")) }
        XCTAssertThrowsError(try ScheduleString.decode("T1-a,b")) { XCTAssertTrue("\($0)".contains("unexpected")) }
    }

    /// DFS over a fixed tree: two threads with two steps each, always both runnable until
    /// done (thread i finishes after two choices of i). All orders of aabb: C(4,2) = 6.
    func testDFSEnumeratesAFixedTreeExactly() {
        for (bound, expected) in [(0, 2), (1, 4), (2, 6), (3, 6)] {
            var dfs = BoundedDFS(preemptionBound: bound)
            var count = 0
            while dfs.beginExecution(index: count) {
                var left = [2, 2]
                var current: Int? = nil
                while left != [0, 0] {
                    let runnable = (0..<2).filter { left[$0] > 0 }
                    let c = dfs.choose(runnable: runnable, current: current.flatMap { runnable.contains($0) ? $0 : nil })
                    left[c] -= 1
                    current = c
                }
                dfs.endExecution(failed: false)
                count += 1
            }
            XCTAssertEqual(count, expected, "bound \(bound)")
            XCTAssertTrue(dfs.finished)
        }
    }
}
