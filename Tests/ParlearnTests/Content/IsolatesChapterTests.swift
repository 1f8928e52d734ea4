import Foundation
import ParLearnKit
import XCTest

/// Chapter 04's promises, checked through the CLI as a learner would run them.
final class IsolatesChapterTests: XCTestCase {
    private var chapter: URL { ParlearnCommand.root.appendingPathComponent("chapters/04-isolates") }

    /// The racy tenant program fails, names the breach with both lines, one column per isolate.
    func testExploringTheRacyTenantReportsTheIsolationBreach() throws {
        let result = try ParlearnCommand().run(["explore", "04-isolates/racy", "--json"])
        XCTAssertEqual(result.status, 1, result.all)
        let bug = try JSONDecoder().decode(ScenarioReport.self, from: Data(result.stdout.utf8))
        XCTAssertEqual(bug.verdict, .bug)
        XCTAssertEqual(bug.kind, .invariant)
        XCTAssertEqual(bug.threads, ["main", "tenant-a", "tenant-b"])
        let breach = try XCTUnwrap(bug.details.first { $0.hasPrefix("isolation breach on SDK.apiKey:") },
                                   "\(bug.details)")
        XCTAssertEqual(breach.components(separatedBy: "racy.swift:12").count, 3,
                       "both writes, with their line: \(breach)")
        XCTAssertTrue(breach.contains("isolate tenant-a") && breach.contains("isolate tenant-b"), breach)
    }

    /// Each diagnostic the chapter quotes is what swiftc prints for the file beside it today.
    func testTheQuotedCompilerDiagnosticsAreReal() throws {
        let text = try String(contentsOf: chapter.appendingPathComponent("chapter.md"), encoding: .utf8)
        let quoted: [String: [String]] = [
            "queue-of-accounts": [
                "queue-of-accounts.swift:10:20: error: type 'Account' does not conform to the 'Sendable' protocol",
                "queue-of-accounts.swift:5:13: note: class 'Account' does not conform to the 'Sendable' protocol",
            ],
            "use-after-sending": [
                "use-after-sending.swift:8:14: error: sending 'ledger' risks causing data races",
                "use-after-sending.swift:8:14: note: 'ledger' used after being passed as a 'sending' parameter;"
                    + " Later uses could race",
                "use-after-sending.swift:9:15: note: access can happen concurrently",
            ],
            "account-class": [
                "account-class.swift:15:16: error: sending 'account' risks causing data races",
                "account-class.swift:15:16: note: sending 'account' to actor-isolated instance method 'open' risks"
                    + " causing data races between actor-isolated and local nonisolated uses",
                "account-class.swift:16:5: note: access can happen concurrently",
            ],
        ]
        let command = ParlearnCommand()
        for (name, lines) in quoted {
            let file = chapter.appendingPathComponent("diagnostics/\(name).swift").path
            let result = try command.run(["run", file], timeout: 120)
            XCTAssertNotEqual(result.status, 0, "\(name) must not compile")
            for line in lines {
                XCTAssertTrue(text.contains(line), "chapter.md does not quote: \(line)")
                XCTAssertTrue(result.all.contains(line), "swiftc no longer prints: \(line)\n\(result.all)")
            }
        }
    }
}
