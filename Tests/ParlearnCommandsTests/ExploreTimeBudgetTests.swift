import XCTest

@testable import ParlearnCommands

/// `explore --time-budget SECONDS` (issue 13): parsed as seconds, rejected when not positive.
final class ExploreTimeBudgetTests: XCTestCase {
    func testTheFlagIsParsedAsSeconds() throws {
        let command = try ExploreCommand.parse(["racy", "--time-budget", "2.5"])
        XCTAssertEqual(command.timeBudget, 2.5)
        XCTAssertNil(try ExploreCommand.parse(["racy"]).timeBudget)
    }

    func testANonPositiveBudgetIsAUsageError() {
        for bad in ["0", "-1", "soon"] {
            let (cli, out) = makeContext(.commandLine)
            XCTAssertEqual(CommandDispatcher.run(arguments: ["explore", "racy", "--time-budget", bad], in: cli), 2, bad)
            XCTAssertTrue(out.errors.contains("--time-budget"), out.errors)
        }
    }
}
