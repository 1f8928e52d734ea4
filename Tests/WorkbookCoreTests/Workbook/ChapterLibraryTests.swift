import XCTest
@testable import WorkbookCore

final class ChapterLibraryTests: XCTestCase {
    private let goodMeta = """
        title: Threads
        summary: Spawn and join.
        programs:
          - name: racy
            demonstrates: A lost update.
            expect: bug
            kind: data-race
            schedules: 500
          - name: fixed
            file: fixed.swift
            demonstrates: The fix.
            expect: clean
        """

    private func makeGoodChapter(in folder: TemporaryFolder, slug: String = "01-threads") {
        folder.write("\(slug)/chapter.yml", goodMeta)
        folder.write("\(slug)/chapter.md", "# Threads\n\n## Race\n\n<!-- include racy.swift#bump -->\n")
        folder.write("\(slug)/racy.swift", "import ParLearnKit\n// [bump]\n    counter += 1\n// [/bump]\n")
        folder.write("\(slug)/fixed.swift", "import ParLearnKit\n")
    }

    func testLoadsMetadataAndResolvesIncludes() throws {
        let folder = TemporaryFolder()
        makeGoodChapter(in: folder)
        let library = ChapterLibrary.load(from: folder.url)
        XCTAssertEqual(library.problems, [])
        let chapter = try XCTUnwrap(library.chapter("01-threads"))
        XCTAssertEqual(chapter.number, 1)
        XCTAssertEqual(chapter.programs.map(\.name), ["racy", "fixed"])
        XCTAssertEqual(chapter.program(named: "racy")?.file, "racy.swift")
        XCTAssertEqual(chapter.program(named: "racy")?.kind, .dataRace)
        XCTAssertEqual(chapter.program(named: "racy")?.schedules, 500)
        XCTAssertEqual(chapter.program(named: "fixed")?.schedules, ProgramSpec.defaultSchedules)
        XCTAssertTrue(chapter.markdown.contains("```swift\ncounter += 1\n```"), chapter.markdown)
        XCTAssertFalse(chapter.markdown.contains("[bump]"))
    }

    func testChapterIsFoundByNumberOrSlug() {
        let folder = TemporaryFolder()
        makeGoodChapter(in: folder)
        let library = ChapterLibrary.load(from: folder.url)
        XCTAssertEqual(library.chapter("01")?.slug, "01-threads")
        XCTAssertEqual(library.chapter("threads")?.slug, "01-threads")
        XCTAssertNil(library.chapter("02"))
    }

    func testMalformedMetadataNamesFileAndLineAndOthersStillLoad() throws {
        let folder = TemporaryFolder()
        makeGoodChapter(in: folder)
        folder.write("02-broken/chapter.yml", "title: Broken\nsummary: x\nprograms:\n  - name: a\n    demonstrates: [unclosed\n")
        folder.write("02-broken/chapter.md", "# B\n")
        folder.write("03-typed/chapter.yml", "title: T\nsummary: s\nprograms:\n  - name: a\n    demonstrates: d\n    schedules: lots\n")
        folder.write("03-typed/chapter.md", "# T\n")
        folder.write("03-typed/a.swift", "")
        let library = ChapterLibrary.load(from: folder.url)
        XCTAssertEqual(library.chapters.map(\.slug), ["01-threads"])
        let broken = try XCTUnwrap(library.problems.first { $0.file == "02-broken/chapter.yml" })
        XCTAssertNotNil(broken.line)
        XCTAssertTrue(broken.message.contains("malformed YAML"), broken.description)
        let typed = try XCTUnwrap(library.problems.first { $0.file == "03-typed/chapter.yml" })
        XCTAssertEqual(typed.line, 6, typed.description)
        XCTAssertTrue(typed.message.contains("should be a number"), typed.description)
    }

    func testMissingKeyMissingFileAndMissingMarkdownAreReported() {
        let folder = TemporaryFolder()
        folder.write("01-nokey/chapter.yml", "title: T\nprograms: []\n")
        folder.write("01-nokey/chapter.md", "# T\n")
        folder.write("02-nofile/chapter.yml", "title: T\nsummary: s\nprograms:\n  - name: ghost\n    demonstrates: d\n")
        folder.write("02-nofile/chapter.md", "# T\n")
        folder.write("03-nomd/chapter.yml", "title: T\nsummary: s\nprograms: []\n")
        folder.write("Not A Chapter/chapter.yml", "")
        let problems = ChapterLibrary.load(from: folder.url).problems.map(\.description)
        XCTAssertTrue(problems.contains { $0.hasPrefix("01-nokey/chapter.yml") && $0.contains("missing key 'summary'") }, "\(problems)")
        XCTAssertTrue(problems.contains { $0 == "02-nofile/chapter.yml:4: program 'ghost' names ghost.swift, which does not exist" }, "\(problems)")
        XCTAssertTrue(problems.contains { $0.hasPrefix("03-nomd/chapter.md") }, "\(problems)")
        XCTAssertTrue(problems.contains { $0.hasPrefix("Not A Chapter") && $0.contains("NN-slug") }, "\(problems)")
    }

    func testNewFolderAppearsOnReload() {
        let folder = TemporaryFolder()
        makeGoodChapter(in: folder)
        XCTAssertEqual(ChapterLibrary.load(from: folder.url).chapters.count, 1)
        makeGoodChapter(in: folder, slug: "02-more")
        XCTAssertEqual(ChapterLibrary.load(from: folder.url).chapters.map(\.slug), ["01-threads", "02-more"])
    }
}

final class IncludeResolverTests: XCTestCase {
    func testBrokenIncludesAreProblemsWithLines() {
        let folder = TemporaryFolder()
        folder.write("a.swift", "// [open]\nlet x = 1\n")
        let markdown = "# T\n<!-- include missing.swift -->\n<!-- include a.swift#nope -->\n<!-- include a.swift#open -->\n<!-- include ../secret.swift -->\n"
        let result = IncludeResolver.resolve(markdown, directory: folder.url, file: "01-x/chapter.md")
        XCTAssertEqual(result.problems.map(\.line), [2, 3, 4, 5])
        XCTAssertTrue(result.problems[0].message.contains("missing.swift"))
        XCTAssertTrue(result.problems[1].message.contains("anchor 'nope'"))
        XCTAssertTrue(result.problems[2].message.contains("never closed"))
    }

    func testWholeFileIncludeDropsMarkersAndKeepsOtherText() {
        let folder = TemporaryFolder()
        folder.write("b.swift", "\nimport ParLearnKit\n// [main]\nlet y = 2\n// [/main]\n\n")
        let result = IncludeResolver.resolve("before\n<!-- include b.swift -->\nafter", directory: folder.url, file: "c.md")
        XCTAssertEqual(result.problems, [])
        XCTAssertEqual(result.text, "before\n```swift\nimport ParLearnKit\nlet y = 2\n```\nafter")
    }

    /// Every include in the shipped chapters resolves: prose and code cannot drift apart.
    func testShippedChaptersHaveNoBrokenIncludes() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("chapters")
        let library = ChapterLibrary.load(from: root)
        XCTAssertEqual(library.problems.map(\.description), [])
        XCTAssertFalse(library.chapters.isEmpty, "no chapters found in \(root.path)")
    }
}
