import Foundation
import XCTest

/// The real `parlearn` with a script on stdin, as in CI or `parlearn < commands.txt`: plain lines,
/// no prompt, no escape codes, no history written.
final class PipedSessionTests: XCTestCase {
    private struct Session {
        let status: Int32
        let stdout: Data
        let stderr: Data
        var output: String { String(decoding: stdout, as: UTF8.self) }
        var errors: String { String(decoding: stderr, as: UTF8.self) }
    }

    private var fixture: REPLFixture!

    override func setUpWithError() throws {
        signal(SIGPIPE, SIG_IGN)  // a REPL that dies early must fail the test, not kill it
        fixture = try REPLFixture()
    }

    override func tearDown() {
        fixture.remove()
    }

    /// Runs the REPL on `script` with stdout and stderr going to files (not a terminal).
    private func runPiped(_ script: String) throws -> Session {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try REPLFixture.parlearnBinary())
        // A colour-capable TERM: only the pipe should turn colour and editing off.
        process.environment = fixture.environment(term: "xterm-256color")
        let stdoutFile = fixture.root.appendingPathComponent("stdout")
        let stderrFile = fixture.root.appendingPathComponent("stderr")
        try Data().write(to: stdoutFile)
        try Data().write(to: stderrFile)
        process.standardOutput = try FileHandle(forWritingTo: stdoutFile)
        process.standardError = try FileHandle(forWritingTo: stderrFile)
        let input = Pipe()
        process.standardInput = input
        try process.run()
        try input.fileHandleForWriting.write(contentsOf: Data(script.utf8))
        try input.fileHandleForWriting.close()

        let deadline = ContinuousClock.now + .seconds(30)
        while process.isRunning && ContinuousClock.now < deadline { usleep(20_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            XCTFail("parlearn did not exit at the end of its input")
        }
        return Session(
            status: process.terminationStatus,
            stdout: try Data(contentsOf: stdoutFile), stderr: try Data(contentsOf: stderrFile))
    }

    func testScriptedSessionPrintsPlainOutputAndExitsZeroAtEndOfInput() throws {
        let session = try runPiped("chapters\nxyzzy\nopen 01-demo\nprograms\n")

        XCTAssertEqual(session.status, 0, session.errors)
        XCTAssertFalse(session.stdout.contains(0x1B), "ANSI escape in stdout:\n\(session.output)")
        XCTAssertFalse(session.stderr.contains(0x1B), "ANSI escape in stderr:\n\(session.errors)")
        XCTAssertFalse(session.output.contains("parlearn>"), "prompt printed:\n\(session.output)")
        XCTAssertFalse(session.output.contains("parlearn 01-demo>"), "prompt printed:\n\(session.output)")
        XCTAssertTrue(session.output.contains("01-demo"), "chapters lists the fixture:\n\(session.output)")
        XCTAssertTrue(session.output.contains("forever"), "programs lists the chapter's programs:\n\(session.output)")
        XCTAssertTrue(
            (session.output + session.errors).contains("unknown command 'xyzzy'"),
            "\(session.output)\(session.errors)")
    }

    func testScriptedSessionWritesNoHistory() throws {
        _ = try runPiped("chapters\nhelp\n")

        XCTAssertFalse(FileManager.default.fileExists(atPath: fixture.historyFile.path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: fixture.legacyHistoryFile.path))
        let written = FileManager.default.enumerator(atPath: fixture.root.path)?
            .compactMap { $0 as? String }.filter { $0.lowercased().contains("history") } ?? []
        XCTAssertEqual(written, [], "history-like files were written")
    }

    func testLastLineWithoutNewlineStillRuns() throws {
        let session = try runPiped("chapters")

        XCTAssertEqual(session.status, 0, session.errors)
        XCTAssertTrue(session.output.contains("01-demo"), session.output)
    }
}
