import XCTest

@testable import ParlearnCommands

/// TAB's candidates come from the command declarations.
final class CommandCompletionTests: XCTestCase {
    private let pools = CompletionPools(
        chapters: ["00-welcome", "01-threads"], openChapterPrograms: ["racy", "fixed"],
        allPrograms: ["01-threads/racy"], exercises: ["threads-counter"], sections: ["Bank transfer"])

    private func complete(_ line: String, inREPL: Bool = true) -> [String] {
        CommandCompletion.candidates(for: line, pools: pools, inREPL: inREPL)
    }

    func testCommandsByName() {
        XCTAssertEqual(complete("ope"), ["open"])
        XCTAssertEqual(complete("re"), ["read", "replay", "reset"])
        XCTAssertEqual(complete("re", inREPL: false), ["repl", "read", "replay", "reset"])
        XCTAssertEqual(complete("ex"), ["explore", "exercises", "exit"])
        XCTAssertTrue(complete("").contains("help"))
        XCTAssertEqual(complete("bogus "), [])
    }

    func testArgumentsByWhatTheyName() {
        XCTAssertEqual(complete("open 0"), ["00-welcome", "01-threads"])
        XCTAssertEqual(complete("programs 01"), ["01-threads"])
        XCTAssertEqual(complete("run r"), ["racy"])
        XCTAssertEqual(complete("run 01"), ["01-threads/racy"])
        XCTAssertEqual(complete("parlearn show f"), ["fixed"])
        XCTAssertEqual(complete("check th"), ["threads-counter"])
        XCTAssertEqual(complete("read B"), ["Bank transfer"])
        XCTAssertEqual(complete("read 01-threads B"), ["Bank transfer"])
        XCTAssertEqual(complete("help exp"), ["explore"])
        XCTAssertEqual(complete("quit x"), [])
        XCTAssertEqual(complete("replay racy "), [], "a schedule string has no candidates")
    }

    func testOptionsAndTheirValues() {
        XCTAssertEqual(complete("explore racy --s"), ["--strategy", "--schedules", "--seed"])
        XCTAssertEqual(complete("explore racy --strategy p"), ["pct", "portfolio"])
        XCTAssertEqual(complete("explore --seed 3 "), ["racy", "fixed", "01-threads/racy"])
        XCTAssertEqual(complete("check --st"), ["--stress"])
        XCTAssertEqual(complete("grade --format j"), ["json", "junit"])
        XCTAssertEqual(complete("chapters --color n"), ["never"])
    }
}
