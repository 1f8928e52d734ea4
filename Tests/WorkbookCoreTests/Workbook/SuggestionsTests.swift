import XCTest
@testable import WorkbookCore

final class SuggestionsTests: XCTestCase {
    func testSuggestionsFindNearNames() {
        let names = ["chapters", "open", "read", "explore", "replay"]
        XCTAssertEqual(Suggestions.closest(to: "opn", among: names), "open")
        XCTAssertEqual(Suggestions.closest(to: "chapter", among: names), "chapters")
        XCTAssertEqual(Suggestions.closest(to: "explroe", among: names), "explore")
        XCTAssertNil(Suggestions.closest(to: "zzzzzz", among: names))
        XCTAssertEqual(Suggestions.distance("kitten", "sitting"), 3)
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
