import Foundation
import ParLearnKit
import XCTest

/// Chapter 04's promises, checked through the CLI as a learner would run them.
final class IsolatesChapterTests: XCTestCase {
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
}
