import XCTest

@testable import WorkbookCore

/// The REPL's state: what is loaded, the open chapter and the reading position.
final class WorkbookSessionTests: XCTestCase {
    private func session(in folder: TemporaryFolder) -> WorkbookSession {
        folder.write("chapters/01-demo/chapter.yml", "title: Demo\nsummary: s\nprograms: []\n")
        folder.write("chapters/01-demo/chapter.md", "# Demo\n\nIntro.\n\n## Bank transfer\n\nA.\n\n## Bank run\n\nB.\n")
        return WorkbookSession(paths: WorkbookPaths(
            chapters: folder.url.appendingPathComponent("chapters"), exercises: folder.url.appendingPathComponent("ex"),
            state: folder.url.appendingPathComponent("state"), cache: folder.url.appendingPathComponent("cache")))
    }

    func testReadingMovesThroughTheOpenChapterAndStopsAtItsEnds() throws {
        let folder = TemporaryFolder()
        let session = session(in: folder)
        let chapter = try XCTUnwrap(session.library.chapter("01"))
        session.open(chapter)
        XCTAssertEqual(session.sectionTitles, ["Demo", "Bank transfer", "Bank run"])
        let sections = MarkdownRenderer(theme: .plain, width: 80).sections(chapter.markdown)
        XCTAssertEqual(session.read(nil, among: sections), .section(0))
        XCTAssertEqual(session.read("prev", among: sections), .atFirstSection)
        XCTAssertEqual(session.read("NEXT", among: sections), .section(1))
        XCTAssertEqual(session.read("bank r", among: sections), .section(2))
        XCTAssertEqual(session.read("next", among: sections), .atLastSection)
        XCTAssertEqual(session.read("bank", among: sections), .ambiguous(["Bank transfer", "Bank run"]))
        XCTAssertEqual(session.read("vault", among: sections), .notFound(["Demo", "Bank transfer", "Bank run"]))
        XCTAssertEqual(session.read("all", among: sections), .all)
        XCTAssertEqual(session.sectionIndex, 2, "a failed move keeps the place")

        session.open(chapter, keepingPlace: true)
        XCTAssertEqual(session.sectionIndex, 2)
        session.open(chapter)
        XCTAssertEqual(session.sectionIndex, 0)
    }

    func testReloadSeesNewContentAndClosesAChapterThatWentAway() throws {
        let folder = TemporaryFolder()
        let session = session(in: folder)
        session.open(try XCTUnwrap(session.library.chapter("01-demo")))
        folder.write("chapters/02-more/chapter.yml", "title: More\nsummary: s\nprograms: []\n")
        folder.write("chapters/02-more/chapter.md", "# More\n")
        XCTAssertEqual(session.library.chapters.count, 1, "loaded once")
        session.reload()
        XCTAssertEqual(session.library.chapters.map(\.slug), ["01-demo", "02-more"])
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("chapters/01-demo"))
        session.reload()
        XCTAssertNil(session.openChapter)
    }
}
