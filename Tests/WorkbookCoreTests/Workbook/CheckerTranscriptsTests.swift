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
}
