import ParLearnKit
import XCTest
@testable import WorkbookCore

final class CheckerVerdictTests: XCTestCase {
    private let request = RunRequest(mode: .explore, seed: 4)

    private func scenario(_ verdict: Verdict, mismatch: String? = nil) -> ScenarioReport {
        ScenarioReport(scenario: "s", engine: .threads, verdict: verdict, kind: verdict == .bug ? .invariant : nil,
                       message: "m", schedule: "T1-ab", seed: 4, strategy: "random", schedulesRun: 3, failuresSeen: 1,
                       scheduleMismatch: mismatch)
    }

    private func json(_ verdict: CheckerVerdict) throws -> [String: Any] {
        try XCTUnwrap(try JSONSerialization.jsonObject(with: verdict.json(target: "01-x/racy")) as? [String: Any])
    }

    func testABugIsStatusOneWithItsFieldsAtTheTop() throws {
        let report = ProgramReport(nonce: "n", complete: true, scenarios: [scenario(.clean), scenario(.bug)])
        let verdict = CheckerVerdict(.finished(report, status: .exited(0)), request: request)
        XCTAssertEqual(verdict.exitCode, 1)
        let object = try json(verdict)
        XCTAssertEqual(object["verdict"] as? String, "bug")
        XCTAssertEqual(object["kind"] as? String, "invariant")
        XCTAssertEqual(object["schedule"] as? String, "T1-ab")
        XCTAssertEqual(object["program"] as? String, "01-x/racy")
        XCTAssertEqual((object["scenarios"] as? [Any])?.count, 2)
    }

    func testCleanIsZeroAndProblemsAreErrors() throws {
        let clean = CheckerVerdict(.finished(ProgramReport(nonce: nil, complete: true, scenarios: [scenario(.clean)]), status: .exited(0)), request: request)
        XCTAssertEqual(clean.exitCode, 0)
        let compile = CheckerVerdict(.compileFailed(diagnostics: [], output: "x.swift:1:1: error: no"), request: request)
        XCTAssertEqual(compile.exitCode, 2)
        XCTAssertEqual(try json(compile)["verdict"] as? String, "error")
        let mismatch = CheckerVerdict(.finished(ProgramReport(nonce: nil, complete: true, scenarios: [scenario(.clean, mismatch: "step 1")]), status: .exited(0)), request: request)
        XCTAssertEqual(mismatch.exitCode, 2)
        XCTAssertEqual(try json(mismatch)["verdict"] as? String, "error")
        let early = CheckerVerdict(.exitedInScenario(try XCTUnwrap(ExitRecord(line: "exit\t0\ts\tT1\tT1-a")), status: .exited(0)), request: request)
        XCTAssertEqual(early.exitCode, 1)
        XCTAssertEqual(early.problem, "your code called exit(0) in thread 'T1' of scenario 's' before the checks finished")
    }

    func testACrashRecordBecomesACrashBug() throws {
        let record = try XCTUnwrap(CrashRecord(line: "crash\t4\ts\tT2\tT1-ab\n"))
        let verdict = CheckerVerdict(.crashed(record, status: .signaled(4)), request: request)
        XCTAssertEqual(verdict.exitCode, 1)
        XCTAssertEqual(verdict.decisive?.kind, .crash)
        XCTAssertEqual(verdict.decisive?.schedule, "T1-ab")
        XCTAssertTrue(verdict.decisive?.message.contains("thread 'T2' crashed with SIGILL") ?? false)
    }
}
