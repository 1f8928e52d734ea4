import XCTest
@testable import ParLearnKit

/// Bad learner programs that end the process: compiled with swiftc against the kit built next
/// to this test bundle and run in explore mode, as the runner does.
final class ThreadsProcessTests: XCTestCase {
    private static let program = """
        import ParLearnKit
        import Foundation

        let which = ProcessInfo.processInfo.environment["BAD"] ?? ""
        scenario("bad") {
            let x = Shared(0, "x")
            let t = spawn("worker") {
                x.value = 1
                switch which {
                case "trap": let a: [Int] = []; _ = a[x.value]
                case "recurse":
                    @Sendable func down(_ n: Int) -> Int { n < 0 ? 0 : down(n + 1) + 1 }
                    print(down(0))
                case "exit": exit(0)
                default: break
                }
            }
            t.join()
        }
        """

    private static let binary: Result<String, XCTSkip> = KitProgram.compile(program, name: "bad")

    /// Runs the bad program in explore mode; returns its status (negative: killed by that
    /// signal), the crash record and whether a report was written.
    private func explore(_ bad: String) throws -> (status: Int32, record: String?, report: Bool) {
        let binary = try Self.binary.get()
        let report = NSTemporaryDirectory() + "parlearn-bad-\(getpid())-\(bad).json"
        try? FileManager.default.removeItem(atPath: report)
        try? FileManager.default.removeItem(atPath: report + ".crash")
        let status = KitProgram.run(binary, [], env: ["BAD": bad, "PARLEARN_MODE": "explore", "PARLEARN_REPORT": report])
        let record = try? String(contentsOfFile: report + ".crash", encoding: .utf8)
        return (status, record, FileManager.default.fileExists(atPath: report))
    }

    func testATrapInAThreadLeavesACrashRecord() throws {
        let result = try explore("trap")
        XCTAssertEqual(result.status, -SIGILL)
        // The worker wrote x (step 1) and crashed after reading it (step 2).
        XCTAssertEqual(result.record, "crash\t\(SIGILL)\tbad\tworker\tT1-b2\n")
        XCTAssertFalse(result.report)
    }

    func testEndlessRecursionIsCaughtOnTheSignalStack() throws {
        let result = try explore("recurse")
        XCTAssertEqual(result.status, -SIGSEGV)
        XCTAssertEqual(result.record, "crash\t\(SIGSEGV)\tbad\tworker\tT1-b\n")
    }

    func testExitFromAThreadLeavesAnExitRecordAndNoReport() throws {
        let result = try explore("exit")
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(result.record, "exit\t0\tbad\tworker\tT1-b\n")
        XCTAssertFalse(result.report, "a scenario cut short by exit() must not leave a complete report")
    }

    func testACleanProgramWritesItsReport() throws {
        let result = try explore("none")
        XCTAssertEqual(result.status, 0)
        XCTAssertNil(result.record)
        XCTAssertTrue(result.report)
    }
}
