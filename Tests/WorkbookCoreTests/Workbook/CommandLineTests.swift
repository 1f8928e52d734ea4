import XCTest
@testable import WorkbookCore

final class CommandLineTests: XCTestCase {
    func testParsesWordsQuotesAndOptions() throws {
        let parsed = try XCTUnwrap(try CommandLineParser.parse("  explore racy --seed 3 --json --strategy=pct 'two words' "))
        XCTAssertEqual(parsed.name, "explore")
        XCTAssertEqual(parsed.positional, ["racy", "two words"])
        XCTAssertEqual(parsed.options, ["seed": "3", "json": "", "strategy": "pct"])
        XCTAssertNil(try CommandLineParser.parse("   "))
        XCTAssertThrowsError(try CommandLineParser.parse("read \"unclosed"))
    }

    func testSuggestionsFindNearNames() {
        XCTAssertEqual(Suggestions.closest(to: "opn", among: CommandCatalog.names), "open")
        XCTAssertEqual(Suggestions.closest(to: "chapter", among: CommandCatalog.names), "chapters")
        XCTAssertEqual(Suggestions.closest(to: "explroe", among: CommandCatalog.names), "explore")
        XCTAssertNil(Suggestions.closest(to: "zzzzzz", among: CommandCatalog.names))
        XCTAssertEqual(Suggestions.distance("kitten", "sitting"), 3)
    }

    func testEveryCommandHasUsageAndUniqueNames() {
        let words = CommandCatalog.all.flatMap { [$0.name] + $0.aliases }
        XCTAssertEqual(words.count, Set(words).count)
        for spec in CommandCatalog.all {
            XCTAssertTrue(spec.usage.hasPrefix(spec.name), spec.name)
            XCTAssertFalse(spec.summary.isEmpty, spec.name)
        }
    }

    func testCompletionByPosition() {
        let context = CompletionContext(chapters: ["00-welcome", "01-threads"], openChapterPrograms: ["racy", "fixed"],
                                        allPrograms: ["01-threads/racy"], exercises: ["threads-counter"], sections: ["Bank transfer"])
        XCTAssertEqual(TabCompletion.candidates(for: "ope", context: context), ["open"])
        XCTAssertEqual(TabCompletion.candidates(for: "re", context: context), ["read", "replay", "reset"])
        XCTAssertEqual(TabCompletion.candidates(for: "open 0", context: context), ["00-welcome", "01-threads"])
        XCTAssertEqual(TabCompletion.candidates(for: "run r", context: context), ["racy"])
        XCTAssertEqual(TabCompletion.candidates(for: "run 01", context: context), ["01-threads/racy"])
        XCTAssertEqual(TabCompletion.candidates(for: "check th", context: context), ["threads-counter"])
        XCTAssertEqual(TabCompletion.candidates(for: "explore racy --s", context: context), ["--strategy", "--schedules", "--seed"])
        XCTAssertEqual(TabCompletion.candidates(for: "explore racy --strategy p", context: context), ["pct", "portfolio"])
        XCTAssertEqual(TabCompletion.candidates(for: "read B", context: context), ["Bank transfer"])
        XCTAssertEqual(TabCompletion.candidates(for: "quit x", context: context), [])
        XCTAssertEqual(TabCompletion.candidates(for: "bogus ", context: context), [])
    }
}

final class SharedStateScanTests: XCTestCase {
    func testGlobalsMeanOneStream() {
        XCTAssertTrue(SharedStateScan.mayShareGlobals("enum SDK {\n    nonisolated(unsafe) static var apiKey = \"\"\n}"))
        XCTAssertTrue(SharedStateScan.mayShareGlobals("let shared = Shared(0, \"x\")\nscenario(\"a\") {}"))
        XCTAssertTrue(SharedStateScan.mayShareGlobals("final class C { static var n = 0 }"))
        XCTAssertFalse(SharedStateScan.mayShareGlobals("scenario(\"a\") {\n    let local = Shared(0, \"x\")\n    var n = 1\n}"))
        let folder = TemporaryFolder()
        let clean = folder.write("a.swift", "scenario(\"a\") {}\n")
        let global = folder.write("b.swift", "var g = 0\n")
        XCTAssertEqual(SharedStateScan.streams(for: [clean], cores: 2), 2)
        XCTAssertEqual(SharedStateScan.streams(for: [clean, global], cores: 2), 1)
        XCTAssertEqual(SharedStateScan.streams(for: [folder.url.appendingPathComponent("gone.swift")], cores: 2), 1)
    }
}
