import XCTest
@testable import WorkbookCore

final class CheckerTranscriptsTests: XCTestCase {
    private let markdown = """
        ## What the checker showed
        <!-- checker-output racy -->
        old text
        <!-- /checker-output -->
        between
        <!-- checker-output other -->
        <!-- /checker-output -->
        """

    func testFindsBlocksWithBodies() {
        XCTAssertEqual(CheckerTranscripts.blocks(in: markdown), [
            .init(program: "racy", body: "old text"),
            .init(program: "other", body: ""),
        ])
    }

    func testReplacesOnlyNamedBodiesAndIsStableWhenUnchanged() {
        let body = CheckerTranscripts.body(command: "parlearn explore 01/racy", output: ["bug found"])
        let updated = CheckerTranscripts.replacing(["racy": body], in: markdown)
        XCTAssertEqual(CheckerTranscripts.blocks(in: updated).first?.body, "```text\n$ parlearn explore 01/racy\nbug found\n```")
        XCTAssertEqual(CheckerTranscripts.blocks(in: updated).last?.body, "")
        XCTAssertTrue(updated.contains("between"))
        XCTAssertEqual(CheckerTranscripts.replacing(["racy": body], in: updated), updated)
    }

    /// The README names a program with its chapter.
    func testBlocksMayNameAProgramWithItsChapter() {
        let readme = "<!-- checker-output 00-welcome/racy -->\nold\n<!-- /checker-output -->"
        XCTAssertEqual(CheckerTranscripts.blocks(in: readme), [.init(program: "00-welcome/racy", body: "old")])
        let updated = CheckerTranscripts.replacing(["00-welcome/racy": "new"], in: readme)
        XCTAssertEqual(CheckerTranscripts.blocks(in: updated).first?.body, "new")
    }

    /// `racy outcomes` quotes `parlearn outcomes`: a block of its own beside the explore one.
    func testAnOutcomesBlockIsKeyedApartFromTheExploreBlock() {
        let both = markdown + "\n<!-- checker-output racy outcomes -->\nold bars\n<!-- /checker-output -->"
        let blocks = CheckerTranscripts.blocks(in: both)
        XCTAssertEqual(blocks.map(\.key), ["racy", "other", "racy outcomes"])
        XCTAssertEqual(blocks.last?.command, "outcomes")
        let updated = CheckerTranscripts.replacing(["racy outcomes": "new bars"], in: both)
        XCTAssertEqual(CheckerTranscripts.blocks(in: updated).map(\.body), ["old text", "", "new bars"])
    }
}
