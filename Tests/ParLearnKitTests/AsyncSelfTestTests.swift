import XCTest
@testable import ParLearnKit

final class AsyncSelfTestTests: XCTestCase {
    func testSelfTestPassesOnThisToolchain() {
        let result = runSelfTest()
        XCTAssertTrue(result.passed, result.description)
        XCTAssertFalse(result.cached)
        XCTAssertEqual(result.checks.map(\.name), [
            "Task.yield stays on the driver thread", "reentrancy canary is found", "its schedule replays exactly",
        ])
        XCTAssertNil(result.failure)
        XCTAssertTrue(result.description.hasPrefix("async engine self-test: passed"), result.description)
        XCTAssertTrue(result.toolchain.contains("libswift_Concurrency"), result.toolchain)
        XCTAssertEqual(result.notes, ["traces name the actor of each actor job"])
    }

    func testAFailedCheckIsReportedLoudly() {
        let result = SelfTestResult(checks: [.init(name: "canary", passed: false, detail: "came out clean")], toolchain: "x", cached: false)
        XCTAssertFalse(result.passed)
        XCTAssertEqual(result.failure, "canary: came out clean")
        XCTAssertTrue(result.description.contains("FAIL canary"))
        XCTAssertTrue(result.description.contains("cannot be trusted"))
    }

    func testJobIDsFromTheRuntimeMatchTheirDescription() {
        let probe = AsyncExplorer.driveOnce(verifyJobIDs: true) {
            let child = spawnTask("child") { await Task.yield() }
            await child.value
        }
        XCTAssertNil(probe.jobIDMismatch)
        XCTAssertNil(probe.finding)
        XCTAssertGreaterThan(probe.steps, 3)
    }
}
