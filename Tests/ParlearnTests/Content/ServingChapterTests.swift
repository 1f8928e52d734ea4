import Foundation
import ParLearnKit
import XCTest

/// Chapter 06's promises about interleaved requests, checked through the CLI.
final class ServingChapterTests: XCTestCase {
    /// The wrong tenant signs: one column per request, and the schedule replays the same trace.
    func testTheRacyKeyIsFoundAsAnInterleavingOfRequestsAndReplays() throws {
        let command = ParlearnCommand()
        let explored = try command.run(["explore", "06-serving/racy", "--json"])
        XCTAssertEqual(explored.status, 1, explored.all)
        let bug = try JSONDecoder().decode(ScenarioReport.self, from: Data(explored.stdout.utf8))
        XCTAssertEqual(bug.kind, .invariant)
        XCTAssertEqual(bug.threads, ["main", "request-a", "request-b"])
        XCTAssertTrue(bug.message.contains("signed with sk_b") || bug.message.contains("signed with sk_a"), bug.message)
        let schedule = try XCTUnwrap(bug.schedule)
        let replayed = try command.run(["replay", "06-serving/racy", schedule, "--json"])
        XCTAssertEqual(replayed.status, 1, replayed.all)
        let again = try JSONDecoder().decode(ScenarioReport.self, from: Data(replayed.stdout.utf8))
        XCTAssertEqual(again.trace, bug.trace)
    }

    /// The racy shutdown drops accepted requests: the client waits on one, and the flag races.
    func testTheRacyShutdownLeavesAClientWaitingOnAnAcceptedRequest() throws {
        let result = try ParlearnCommand().run(["explore", "06-serving/shutdown-racy", "--json"])
        XCTAssertEqual(result.status, 1, result.all)
        let bug = try JSONDecoder().decode(ScenarioReport.self, from: Data(result.stdout.utf8))
        XCTAssertEqual(bug.kind, .deadlock)
        XCTAssertTrue(bug.details.contains { $0.contains("client waits for a value from connection request-") },
                      "\(bug.details)")
        XCTAssertTrue(bug.details.contains { $0.hasPrefix("data race on stopping") }, "\(bug.details)")
    }
}
