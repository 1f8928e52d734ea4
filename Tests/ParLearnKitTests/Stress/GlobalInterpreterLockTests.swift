import Foundation
import Synchronization
import XCTest
@testable import ParLearnKit

/// Atomics shared by the test's threads (an `Atomic` cannot be captured: it is not copyable).
private final class Probe: Sendable {
    let inside = Synchronization.Atomic(0)
    let most = Synchronization.Atomic(0)
    let stop = Synchronization.Atomic(false)
}

final class GlobalInterpreterLockTests: XCTestCase {
    /// Two threads under the GIL are never inside at the same time, and a waiter that waits
    /// longer than the switch interval gets the lock at the holder's next checkpoint.
    func testOneThreadAtATimeAndForcedSwitches() {
        let gil = GlobalInterpreterLock(switchInterval: .milliseconds(1))
        let probe = Probe()
        let done = DispatchSemaphore(value: 0)
        for _ in 0..<2 {
            Thread.detachNewThread {
                gil.acquire()
                while !probe.stop.load(ordering: .relaxed) {
                    let now = probe.inside.add(1, ordering: .sequentiallyConsistent).newValue
                    _ = probe.most.max(now, ordering: .relaxed)
                    probe.inside.subtract(1, ordering: .sequentiallyConsistent)
                    gil.checkpoint()
                }
                gil.release()
                done.signal()
            }
        }
        // Wait (up to 10 s, for a loaded machine) until the lock has been forced over a few times.
        let deadline = Date().addingTimeInterval(10)
        while gil.switches < 6 && Date() < deadline { usleep(1000) }
        probe.stop.store(true, ordering: .relaxed)
        done.wait()
        done.wait()
        XCTAssertEqual(probe.most.load(ordering: .relaxed), 1, "two threads held the GIL at once")
        XCTAssertGreaterThanOrEqual(gil.switches, 6, "the holder never gave the GIL to the waiter")
    }

    func testCheckpointWithoutAGILIsFree() {
        XCTAssertNil(GlobalInterpreterLock.process, "PARLEARN_GIL is not set in tests")
        GlobalInterpreterLock.checkpoint()
    }

    func testStressRequestRoundTripsAndRejectsAbsurdValues() throws {
        let request = StressRequest(threads: 4, iterations: 7, seed: 9, jitter: 0, gil: true, timeBudget: 3)
        XCTAssertEqual(try StressRequest(environment: request.environment), request)
        XCTAssertThrowsError(try StressRequest(environment: ["PARLEARN_STRESS_THREADS": "0"]))
        XCTAssertThrowsError(try StressRequest(environment: ["PARLEARN_STRESS_ITERATIONS": "-1"]))
        XCTAssertThrowsError(try StressRequest(environment: ["PARLEARN_GIL": "yes"]))
    }
}
