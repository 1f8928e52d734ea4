import Foundation
import Synchronization
import XCTest

/// One program running in a real pseudo-terminal: a detached tmux session on a private server.
///
/// Each session starts its own tmux server (`tmux -L parlearn-test-<pid>-<n>`), so tests never
/// touch a user's sessions and `close()` kills only that server. The program runs under bash,
/// which records its exit status in a file and then keeps the pane open, so the screen can still
/// be read after the program has exited. (A bash wrapper rather than `sh`: the terminal's Ctrl-C
/// reaches the wrapper too, and dash exits on it once the program ends; bash does not.)
///
/// Screens are read with `capture-pane`, which drops trailing spaces: a prompt `parlearn> ` reads
/// as `parlearn>`. Send a signal key such as `C-c` only after the text before it shows on screen:
/// the terminal flushes unread input when it raises SIGINT.
final class TmuxSession {
    /// A wait that ran out, with the screen at that moment.
    struct Timeout: Error, CustomStringConvertible {
        let waitingFor: String
        let screen: String
        var description: String { "timed out waiting for \(waitingFor); screen:\n\(screen)" }
    }

    /// A tmux command that failed.
    struct CommandFailed: Error, CustomStringConvertible {
        let arguments: [String]
        let output: String
        var description: String { "tmux \(arguments.joined(separator: " ")) failed: \(output)" }
    }

    private static let sessionCount = Atomic<Int>(0)
    private static let target = "test"

    let socket: String
    private let tmux: String
    private let folder: URL
    private var statusFile: URL { folder.appendingPathComponent("exit-status") }
    private var lastScreen = ""
    private var closed = false

    /// Starts `executable` with exactly `environment` (nothing is inherited: pass PATH, HOME, TERM
    /// and LANG yourself) on a `width` x `height` terminal. Throws `XCTSkip` without tmux.
    init(
        executable: String, arguments: [String] = [], environment: [String: String],
        width: Int = 100, height: Int = 30
    ) throws {
        guard let tmux = Self.findInPath("tmux") else {
            throw XCTSkip("tmux is not installed (apt-get install -y tmux); the REPL terminal tests need it")
        }
        guard let bash = Self.findInPath("bash"), let env = Self.findInPath("env") else {
            throw XCTSkip("bash and env are needed to run a program under tmux")
        }
        self.tmux = tmux
        let number = Self.sessionCount.wrappingAdd(1, ordering: .relaxed).newValue
        socket = "parlearn-test-\(getpid())-\(number)"
        folder = FileManager.default.temporaryDirectory.appendingPathComponent(socket)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)

        let wrapper = """
            status_file=$1; shift
            "$@"
            status=$?
            echo "$status" > "$status_file.tmp" && mv "$status_file.tmp" "$status_file"
            exec sleep 86400
            """
        let assignments = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        try run([
            "new-session", "-d", "-s", Self.target, "-x", "\(width)", "-y", "\(height)",
            bash, "-c", wrapper, "tmux-wrapper", statusFile.path, env, "-i",
        ] + assignments + [executable] + arguments)
    }

    deinit { close() }

    /// Sends tmux key names, such as `"Tab"`, `"Enter"`, `"Up"`, `"C-c"`, `"C-d"`.
    func send(keys: String...) throws {
        try run(["send-keys", "-t", Self.target] + keys)
    }

    /// Types `text` as is (no key-name lookup), UTF-8 included.
    func sendLiteral(_ text: String) throws {
        try run(["send-keys", "-t", Self.target, "-l", "--", text])
    }

    /// The whole terminal, scrollback included, one string a line, without trailing blank lines.
    /// After the server has gone (the program killed the wrapper), the last screen read.
    func capture() -> String {
        if let screen = try? run(["capture-pane", "-p", "-S", "-", "-t", Self.target]) {
            lastScreen = screen.split(separator: "\n", omittingEmptySubsequences: false)
                .reversed().drop { $0.allSatisfy(\.isWhitespace) }.reversed().joined(separator: "\n")
        }
        return lastScreen
    }

    /// The captured lines; each has its trailing spaces removed already by tmux.
    func lines() -> [String] {
        capture().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// The index of the current last line. Output that comes later starts there, so
    /// `waitFor(text:since:)` with this mark ignores what is already on screen.
    func mark() -> Int {
        max(0, lines().count - 1)
    }

    /// Polls the screen until `condition` holds for the lines from `since` on; returns those lines.
    @discardableResult
    func waitFor(
        _ description: String, since: Int = 0, timeout: Duration = .seconds(5),
        until condition: ([String]) -> Bool
    ) throws -> [String] {
        let deadline = ContinuousClock.now + timeout
        while true {
            let recent = Array(lines().dropFirst(since))
            if condition(recent) { return recent }
            guard ContinuousClock.now < deadline else {
                throw Timeout(waitingFor: description, screen: lastScreen)
            }
            usleep(50_000)
        }
    }

    /// Waits until `text` shows anywhere on screen from line `since` on.
    @discardableResult
    func waitFor(text: String, since: Int = 0, timeout: Duration = .seconds(5)) throws -> [String] {
        try waitFor("\"\(text)\"", since: since, timeout: timeout) { lines in
            lines.contains { $0.contains(text) }
        }
    }

    /// Waits until the last non-empty line is exactly `line` (trailing spaces ignored), as when
    /// a prompt is waiting for input: `waitFor(lastLine: "parlearn>")`.
    @discardableResult
    func waitFor(lastLine line: String, timeout: Duration = .seconds(5)) throws -> [String] {
        let wanted = line.trimmingTrailingSpaces()
        return try waitFor("last line \"\(wanted)\"", timeout: timeout) { lines in
            lines.last { !$0.isEmpty }?.trimmingTrailingSpaces() == wanted
        }
    }

    /// Waits for the program to exit and returns its exit status (128 + n after signal n).
    func waitForExit(timeout: Duration = .seconds(5)) throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let text = try? String(contentsOf: statusFile, encoding: .utf8),
               let status = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
            {
                return status
            }
            usleep(50_000)
        }
        throw Timeout(waitingFor: "the program to exit", screen: capture())
    }

    /// Kills this session's own tmux server (and with it the program) and removes its files.
    func close() {
        guard !closed else { return }
        closed = true
        _ = try? run(["kill-server"])
        try? FileManager.default.removeItem(at: folder)
    }

    /// Runs one tmux command on this server and returns its standard output.
    @discardableResult
    private func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tmux)
        // -u: the client speaks UTF-8 whatever the test's locale; -f /dev/null: no user config.
        process.arguments = ["-u", "-L", socket, "-f", "/dev/null"] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["TMUX"] = nil  // when the tests themselves run inside tmux
        environment["TMUX_PANE"] = nil
        process.environment = environment
        // A file, not a pipe: the server that new-session forks inherits the descriptor and
        // keeps it open, so reading a pipe to its end would wait for the server to exit.
        let outputFile = folder.appendingPathComponent("tmux-output-\(UUID().uuidString)")
        try Data().write(to: outputFile)
        defer { try? FileManager.default.removeItem(at: outputFile) }
        let output = try FileHandle(forWritingTo: outputFile)
        defer { try? output.close() }
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let text = String(decoding: try Data(contentsOf: outputFile), as: UTF8.self)
        guard process.terminationStatus == 0 else { throw CommandFailed(arguments: arguments, output: text) }
        return text
    }

    private static func findInPath(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        String(reversed().drop { $0 == " " }.reversed())
    }
}
