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
    private var socketPath = ""  // kill-server leaves the socket file behind
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
        var null = stat()
        guard stat("/dev/null", &null) == 0, null.st_mode & S_IFMT == S_IFCHR else {
            // Seen on a shared machine: something renamed a file over it, and tmux cannot daemonize.
            throw CommandFailed(arguments: [], output: "/dev/null is not a device any more; tmux cannot start")
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
        socketPath = try run(["display-message", "-p", "#{socket_path}"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    deinit { close() }

    /// Sends tmux key names, such as `"Tab"`, `"Enter"`, `"Up"`, `"C-c"`, `"C-d"`.
    func send(keys: String...) throws {
        try run(["send-keys", "-t", Self.target] + keys)
    }

    /// Resizes the terminal, as a learner dragging the window would (the program gets SIGWINCH).
    func resize(width: Int, height: Int) throws {
        try run(["resize-window", "-t", Self.target, "-x", "\(width)", "-y", "\(height)"])
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

    /// The screen as the program wrote it: lines the terminal wrapped because they were too long
    /// are joined again (`-J`), so a line wider than the terminal shows as one long line.
    func writtenLines() -> [String] {
        let screen = (try? run(["capture-pane", "-p", "-J", "-S", "-", "-t", Self.target])) ?? ""
        return screen.split(separator: "\n", omittingEmptySubsequences: false)
            .map { String($0).trimmingTrailingSpaces() }
    }

    /// Only what is on the terminal now, without the scrollback.
    func visibleLines() -> [String] {
        let screen = (try? run(["capture-pane", "-p", "-t", Self.target])) ?? ""
        return screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
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
        if !socketPath.isEmpty { unlink(socketPath) }
        try? FileManager.default.removeItem(at: folder)
    }

    /// Runs one tmux command on this server and returns its output.
    @discardableResult
    private func run(_ arguments: [String]) throws -> String {
        let outputFile = folder.appendingPathComponent("tmux-output-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: outputFile) }
        var environment = ProcessInfo.processInfo.environment
        environment["TMUX"] = nil  // when the tests themselves run inside tmux
        environment["TMUX_PANE"] = nil
        // -u: the client speaks UTF-8 whatever the test's locale; -f /dev/null: no user config.
        let status = try Self.spawnAndWait(
            tmux, ["-u", "-L", socket, "-f", "/dev/null"] + arguments,
            environment: environment, output: outputFile.path)
        let text = (try? String(contentsOf: outputFile, encoding: .utf8)) ?? ""
        guard status == 0 else { throw CommandFailed(arguments: arguments, output: text) }
        return text
    }

    /// posix_spawn and waitpid, with stdin from /dev/null and stdout and stderr to `output`.
    ///
    /// Not Foundation's `Process`: on Linux it learns of the exit when a socket the child inherits
    /// closes, and the tmux server that `new-session` forks keeps it open, so it waited forever.
    /// Likewise output goes to a file, not a pipe, whose end would never come.
    private static func spawnAndWait(
        _ executable: String, _ arguments: [String], environment: [String: String], output: String
    ) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid = pid_t()
        let error = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard error == 0 else {
            throw CommandFailed(arguments: arguments, output: String(cString: strerror(error)))
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
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
