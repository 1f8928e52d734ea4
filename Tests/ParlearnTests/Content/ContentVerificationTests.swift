import Foundation
import XCTest

/// The shipped content proves itself, as rustlings' content CI does, extended to concurrency:
/// `parlearn verify` explores every chapter program with seeds 0, 1 and 2 and every exercise
/// with the seeds of its manifest, each within the budget its metadata states.
final class ContentVerificationTests: XCTestCase {
    func testStartersFailSolutionsPassRacyProgramsAreCaughtFixedOnesAreClean() throws {
        let result = try ParlearnCommand().run(["verify", "--seeds", "3"])
        XCTAssertEqual(result.status, 0, result.all)
        XCTAssertTrue(result.stdout.contains(" 0 failed"), result.all)
        XCTAssertFalse(result.stdout.contains("✗"), result.all)
    }

    /// The chapters quote real checker output; it must match what the checker prints today.
    func testChapterTranscriptsAreCurrent() throws {
        let result = try ParlearnCommand().run(["transcripts", "--check"])
        XCTAssertEqual(result.status, 0, "run `parlearn transcripts` and commit the result:\n\(result.all)")
    }
}
