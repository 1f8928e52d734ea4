import Foundation
import WorkbookCore
import XCTest

/// The REPL on a narrow terminal (60 columns) as a learner uses it between saves (issue 14):
/// `watch` moves on after a pass, every line the workbook writes fits the width, and `clear`
/// clears the screen.
extension REPLEndToEndTests {
    private static let width = 60

    private func type(_ session: TmuxSession, _ line: String) throws {
        try session.sendLiteral(line)
        try session.send(keys: "Enter")
    }

    /// `watch` on a copy of the welcome exercises: the starter prediction fails; saving the
    /// right prediction passes, and watch names the next exercise and watches its file, without
    /// being asked. Ctrl-C stops watching and the REPL carries on. Every line fits 60 columns.
    func testWatchMovesOnToTheNextExerciseAfterAPassAndEverythingFits() throws {
        let welcome = ParlearnCommand.root.appendingPathComponent("exercises/00-welcome")
        let copy = fixture.exercises.appendingPathComponent("00-welcome")
        try FileManager.default.copyItem(at: welcome, to: copy)
        let session = try startREPL(width: Self.width, height: 40)
        try type(session, "start welcome-predict")
        try session.waitFor(text: "Then `check`")
        try type(session, "watch")
        try session.waitFor(text: "watching prediction.txt; Ctrl-C stops")
        let failed = try session.waitFor("the starter's verdict", timeout: .seconds(180)) { lines in  // compiles
            lines.contains { $0.hasPrefix("PASSED") || $0.hasPrefix("FAILED") || $0.hasPrefix("INCOMPLETE") }
        }
        XCTAssertFalse(failed.contains { $0.hasPrefix("PASSED") }, "the starter passed:\n\(session.capture())")

        let mark = session.mark()
        let answer = try Data(contentsOf: welcome.appendingPathComponent("predict-increments/.solution/prediction.txt"))
        try answer.write(to: copy.appendingPathComponent("predict-increments/prediction.txt"))
        try session.waitFor(text: "PASSED", since: mark, timeout: .seconds(120))
        try session.waitFor(text: "Next: welcome-step", since: mark)
        try session.waitFor(text: "watching schedule.txt; Ctrl-C stops", since: mark, timeout: .seconds(120))
        XCTAssertTrue(session.lines().dropFirst(mark).contains { $0.contains("Be the scheduler") },
                      "watch shows the next exercise's task:\n\(session.capture())")

        try session.send(keys: "C-c")
        try session.waitFor(text: "stopped watching", since: mark, timeout: .seconds(30))
        try session.waitFor(lastLine: "parlearn>", timeout: .seconds(10))
        let state = URL(fileURLWithPath: fixture.environment(term: "screen")["PARLEARN_STATE_DIR"]!)
        let progress = ProgressStore(directory: state).load().progress
        XCTAssertEqual(progress["welcome-predict"].status, .passed)
        XCTAssertEqual(progress.current, "welcome-step", "the next exercise is the current one now")

        // Written lines, not the terminal's own wrapping: none is wider than the terminal, except a
        // replay command or a file's path, which are kept whole so they can be pasted.
        let tooWide = session.writtenLines().filter {
            DisplayWidth.of($0) > Self.width && !$0.contains("replay ") && !$0.hasPrefix("  /")
        }
        XCTAssertEqual(tooWide, [], "wider than \(Self.width) columns:\n\(session.capture())")
    }

    /// `clear` empties the screen and the scrollback; the REPL answers the next line.
    func testClearClearsTheScreenAndTheREPLCarriesOn() throws {
        let session = try startREPL(width: Self.width, height: 40)
        try type(session, "chapters")
        try session.waitFor(text: "01-demo")
        try session.waitFor(lastLine: "parlearn>")
        try type(session, "clear")
        try session.waitFor("an empty screen but for the prompt") { _ in
            session.visibleLines().filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty } == ["parlearn>"]
        }
        XCTAssertFalse(session.capture().contains("01-demo"), "the scrollback was kept:\n\(session.capture())")
        try type(session, "chapters")
        try session.waitFor(text: "02-drills")
        try session.waitFor(lastLine: "parlearn>")
    }
}
