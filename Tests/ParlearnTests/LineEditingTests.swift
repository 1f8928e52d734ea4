import CLibEdit
import CLineEdit
import Foundation
import ParlearnCommands
import XCTest

@testable import parlearn

final class CompletionTests: XCTestCase {
    func testTheWordIsTheTextAfterTheLastSpace() {
        XCTAssertEqual(Completion.word(before: "open 01-d"), "01-d")
        XCTAssertEqual(Completion.word(before: "open "), "")
        XCTAssertEqual(Completion.word(before: "ope"), "ope")
    }

    func testOneMatchIsCompletedWithATrailingSpace() {
        let completion = Completion(word: "ope", candidates: ["open", "help", "chapters"])
        XCTAssertEqual(completion?.insertion, "n ")
        XCTAssertEqual(completion?.listing, [])
    }

    func testSeveralMatchesInsertTheirCommonPrefixAndAreListedSorted() {
        let completion = Completion(word: "p", candidates: ["programs", "prev", "progress", "run"])
        XCTAssertEqual(completion?.insertion, "r")
        XCTAssertEqual(completion?.listing, ["prev", "programs", "progress"])
    }

    func testNoMatchIsNil() {
        XCTAssertNil(Completion(word: "zz", candidates: ["open"]))
    }

    func testCommonPrefixIsCountedInCharactersNotBytes() {
        let completion = Completion(word: "h", candidates: ["héllo-a", "héllo-b"])
        XCTAssertEqual(completion?.insertion, "éllo-")
        XCTAssertEqual(completion?.listing, ["héllo-a", "héllo-b"])
    }

    func testColumnsFillDownFirstAndFitTheWidth() {
        XCTAssertEqual(
            Completion.columns(["a", "bb", "c", "d", "e"], width: 10),
            ["a   c   e", "bb  d"])
        XCTAssertEqual(Completion.columns(["long-name", "x"], width: 5), ["long-name", "x"])
        XCTAssertEqual(Completion.columns([], width: 80), [])
    }
}

final class PromptMarkingTests: XCTestCase {
    func testColourCodesAreEnclosedInTheInvisibleDelimiter() {
        XCTAssertEqual(
            EditLineReader.markingInvisibleRuns("\u{1B}[1mparlearn\u{1B}[0m> "),
            "\u{1}\u{1B}[1m\u{1}parlearn\u{1}\u{1B}[0m\u{1}> ")
        XCTAssertEqual(EditLineReader.markingInvisibleRuns("plain> "), "plain> ")
    }
}

final class HistoryFileTests: XCTestCase {
    private var root: URL!

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("histtest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: root)
    }

    func testExplicitPathWinsAndEmptyDisables() {
        XCTAssertEqual(HistoryFile.defaultPath(environment: ["PARLEARN_HISTFILE": "/x/h", "HOME": root.path]), "/x/h")
        XCTAssertNil(HistoryFile.defaultPath(environment: ["PARLEARN_HISTFILE": "", "HOME": root.path]))
    }

    func testXDGStateHomeThenHomeLocalState() {
        XCTAssertEqual(
            HistoryFile.defaultPath(environment: ["XDG_STATE_HOME": root.path + "/state", "HOME": root.path]),
            root.path + "/state/parlearn/history")
        XCTAssertEqual(
            HistoryFile.defaultPath(environment: ["XDG_STATE_HOME": "relative", "HOME": root.path]),
            root.path + "/.local/state/parlearn/history")
    }

    func testFallsBackToHomeDotFileWhenTheStateFolderCannotBeMade() throws {
        try Data().write(to: root.appendingPathComponent("blocker"))  // a file where a folder must go
        XCTAssertEqual(
            HistoryFile.defaultPath(environment: ["XDG_STATE_HOME": root.path + "/blocker", "HOME": root.path]),
            root.path + "/.parlearn_history")
    }

    func testSavedLinesLoadBackAndNoTemporaryFileRemains() throws {
        let path = root.appendingPathComponent("history").path
        let saved = HistoryFile(path: path)
        let history = try XCTUnwrap(pl_history_init(100, 1))
        defer { history_end(history) }
        pl_history_enter(history, "open 01-demo")
        pl_history_enter(history, "héllo ✓")
        XCTAssertTrue(saved.save(history))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root.path), ["history"])

        var loaded = HistoryFile(path: path)
        let fresh = try XCTUnwrap(pl_history_init(100, 1))
        defer { history_end(fresh) }
        XCTAssertNil(loaded.load(into: fresh))
        let copy = HistoryFile(path: root.appendingPathComponent("copy").path)
        XCTAssertTrue(copy.save(fresh))
        XCTAssertEqual(
            try Data(contentsOf: root.appendingPathComponent("copy")), try Data(contentsOf: URL(fileURLWithPath: path)),
            "what was loaded saves back identically")
    }

    func testAnUnreadableFileIsMovedAsideNotLost() throws {
        let path = root.appendingPathComponent("history").path
        try Data("not a libedit history\n".utf8).write(to: URL(fileURLWithPath: path))
        var file = HistoryFile(path: path)
        let history = try XCTUnwrap(pl_history_init(100, 1))
        defer { history_end(history) }
        let message = try XCTUnwrap(file.load(into: history))
        XCTAssertTrue(message.contains("moved it to"), message)
        XCTAssertEqual(try String(contentsOfFile: path + ".corrupt", encoding: .utf8), "not a libedit history\n")
        XCTAssertEqual(file.path, path, "history goes on in a fresh file")
    }

    func testAFileThatIsNotRegularTurnsHistoryOffWithoutTouchingIt() throws {
        let fifo = root.appendingPathComponent("fifo").path  // stands in for /dev/null
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        var file = HistoryFile(path: fifo)
        let history = try XCTUnwrap(pl_history_init(100, 1))
        defer { history_end(history) }
        XCTAssertNil(file.load(into: history))
        XCTAssertNil(file.path)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root.path), ["fifo"])
    }
}

final class PlainLineReaderTests: XCTestCase {
    func testLinesThenALastLineWithoutNewlineThenEnd() throws {
        var fds: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&fds), 0)
        let text = "chapters\nhéllo ✓\n\nlast"
        XCTAssertEqual(text.utf8CString.withUnsafeBytes { write(fds[1], $0.baseAddress, $0.count - 1) }, text.utf8.count)
        close(fds[1])
        let reader = PlainLineReader(descriptor: fds[0])
        defer { close(fds[0]) }
        XCTAssertEqual(reader.readLine(prompt: "ignored> "), .line("chapters"))
        XCTAssertEqual(reader.readLine(prompt: "ignored> "), .line("héllo ✓"))
        XCTAssertEqual(reader.readLine(prompt: "ignored> "), .line(""))
        XCTAssertEqual(reader.readLine(prompt: "ignored> "), .line("last"))
        XCTAssertEqual(reader.readLine(prompt: "ignored> "), .endOfInput)
        XCTAssertEqual(reader.readLine(prompt: "ignored> "), .endOfInput)
    }

    /// A command's questions (`LineSource`) read the same lines, and nil at the end.
    func testAnswersForACommandComeFromTheSameReader() throws {
        var fds: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&fds), 0)
        XCTAssertEqual(write(fds[1], "T1\n", 3), 3)
        close(fds[1])
        let source: any LineSource = PlainLineReader(descriptor: fds[0])
        defer { close(fds[0]) }
        XCTAssertEqual(source.nextLine(prompt: "thread? "), "T1")
        XCTAssertNil(source.nextLine(prompt: "thread? "))
    }
}
