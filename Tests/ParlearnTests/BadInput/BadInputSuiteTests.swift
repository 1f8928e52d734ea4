import Foundation
import Synchronization
import XCTest

/// Issue 14's bad-input suite: every case is run as `parlearn <words>` and typed into a piped
/// REPL session, and must give a clear message (and exit status), leave the learner's progress
/// and files as they were, and leave the REPL alive for the next line. Budgets: programs run with
/// `--timeout 1` where they hang; one exercise check with its own budget (300 schedules × 3 seeds).
final class BadInputSuiteTests: XCTestCase {
    struct Case {
        var name: String
        var words: [String]
        var status: Int32
        /// What the output must say (each, anywhere in stdout + stderr).
        var says: [String]
        var never: [String] = []
        var environment: [String: String] = [:]
        /// The line typed into the REPL, when it is not the words joined by spaces.
        var line: String?
        /// The REPL prints its own errors for lines the shell would never pass (odd quoting).
        var cliToo = true
        var replToo = true
        /// Cases that may legitimately record a verdict in progress (a check).
        var recordsProgress = false
    }

    var fixture: BadInputFixture!

    override func setUpWithError() throws {
        signal(SIGPIPE, SIG_IGN)
        fixture = try BadInputFixture()
    }

    override func tearDown() {
        fixture.remove()
    }

    // MARK: The cases

    /// Unknown commands, absurd flags, garbage and foreign schedules, odd quoting.
    static let usage: [Case] = [
        Case(
            name: "unknown command", words: ["frobnicate"], status: 2, says: ["unknown command 'frobnicate'"],
            never: ["Usage: parlearn repl"]),
        Case(name: "near miss", words: ["chapterz"], status: 2, says: ["did you mean 'chapters'"]),
        Case(name: "help for nothing", words: ["help", "frobnicate"], status: 2, says: ["frobnicate"]),
        Case(
            name: "bad format", words: ["grade", "--format", "pdf"], status: 2, says: ["'pdf' is invalid for '--format"]
        ),
        Case(
            name: "zero schedules", words: ["explore", "00-welcome/racy", "--schedules", "0"], status: 2,
            says: ["--schedules must be > 0"]),
        Case(
            name: "negative schedules", words: ["explore", "00-welcome/racy", "--schedules", "-5"], status: 2,
            says: ["--schedules"]),
        Case(
            name: "negative seed", words: ["explore", "00-welcome/racy", "--seed", "-1"], status: 2, says: ["--seed"]),
        Case(
            name: "huge seed", words: ["explore", "00-welcome/racy", "--seed", "99999999999999999999999"], status: 2,
            says: ["--seed"]),
        Case(
            name: "unknown strategy", words: ["explore", "00-welcome/racy", "--strategy", "luck"], status: 2,
            says: ["'luck' is invalid"]),
        Case(
            name: "two coverages", words: ["outcomes", "00-welcome/racy", "--exhaustive", "--schedules", "3"],
            status: 2,
            says: ["choose one"]),
        Case(
            name: "unknown option", words: ["explore", "00-welcome/racy", "--scenario", "x"], status: 2,
            says: ["Unknown option '--scenario'"]),
        Case(name: "missing program", words: ["run"], status: 2, says: ["Missing expected argument"]),
        Case(
            name: "absurd timeout", words: ["run", "bad.swift", "--timeout", "0"], status: 2,
            says: ["--timeout must be between 0 and 3600 seconds"]),
        Case(name: "no such file", words: ["run", "nowhere.swift"], status: 2, says: ["no such file:"]),
        Case(
            name: "no such chapter", words: ["run", "99-nowhere/racy"], status: 2,
            says: ["unknown chapter '99-nowhere'"]),
        Case(name: "no such program", words: ["run", "00-welcome/racey"], status: 2, says: ["racy"]),
        Case(
            name: "garbage schedule", words: ["replay", "00-welcome/racy", "garbage!!"], status: 2, says: ["schedule"]),
        Case(name: "foreign schedule", words: ["replay", "00-welcome/racy", "A1-ab"], status: 2, says: ["schedule"]),
        Case(
            name: "schedule too long",
            words: ["replay", "00-welcome/racy", "T1-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"],
            status: 2, says: ["cannot be replayed"]),
        Case(
            name: "wrong scenario", words: ["replay", "00-welcome/racy", "T1-bc2ba3", "--scenario", "two incr"],
            status: 2,
            says: ["no scenario named 'two incr'", "its scenarios: 'two increments'"], never: ["exit()"],
            line: "replay 00-welcome/racy T1-bc2ba3 --scenario 'two incr'"),
        Case(
            name: "pasted replay line",
            words: ["parlearn", "replay", "00-welcome/racy", "T1-bc2ba3", "--scenario", "two increments"],
            status: 1, says: ["BUG in scenario \"two increments\"", "hits is 1, expected 2"],
            line: "parlearn replay 00-welcome/racy T1-bc2ba3 --scenario 'two increments'", cliToo: false),
        Case(name: "section out of range", words: ["read", "00-welcome", "999"], status: 2, says: ["999"]),
        Case(name: "unknown exercise", words: ["check", "nosuch"], status: 2, says: ["unknown exercise 'nosuch'"]),
        Case(
            name: "hint for nothing", words: ["hint", "welcome-countr"], status: 2,
            says: ["did you mean 'welcome-counter'"]),
        Case(name: "reset nothing", words: ["reset", "nosuch"], status: 2, says: ["unknown exercise 'nosuch'"]),
        Case(name: "unterminated quote", words: [], status: 0, says: ["quote"], line: "open \"00-welcome",
             cliToo: false),
        Case(name: "control characters", words: ["\u{1}\u{7f}x"], status: 2, says: ["unknown command"]),
        Case(name: "non-ASCII command", words: ["é"], status: 2, says: ["unknown command 'é'"]),
        Case(
            name: "a very long line", words: [String(repeating: "a", count: 100_000)], status: 2,
            says: ["unknown command"]),
    ]

    /// Learner programs that crash, hang, flood, read stdin, exit early, storm and escape.
    static let programs: [Case] = [
        Case(
            name: "out of bounds", words: ["run", "bad.swift"], status: 1,
            says: ["reading slot 3", "crashed: Index out of range at bad.swift:7 (SIGILL"],
            environment: ["BAD": "crash"]),
        Case(
            name: "stack overflow", words: ["run", "bad.swift"], status: 1, says: ["stack overflow at bad.swift:4"],
            environment: ["BAD": "overflow"]),
        Case(
            name: "busy hang", words: ["run", "bad.swift", "--timeout", "1"], status: 1,
            says: ["before the hang", "stopped after 1 s"], environment: ["BAD": "hang"]),
        Case(
            name: "sleep forever", words: ["run", "bad.swift", "--timeout", "1"], status: 1,
            says: ["going to sleep", "stopped after 1 s"], environment: ["BAD": "sleep"]),
        Case(
            name: "10 MB flood", words: ["run", "bad.swift"], status: 0, says: ["[output truncated:", "exited 0]"],
            environment: ["BAD": "flood"]),
        Case(
            name: "reads stdin", words: ["run", "bad.swift"], status: 0, says: ["read: nil"],
            environment: ["BAD": "stdin"]),
        Case(
            name: "exit(3)", words: ["run", "bad.swift"], status: 1, says: ["leaving", "exited 3]"],
            environment: ["BAD": "exit3"]),
        Case(
            name: "_exit(0)", words: ["run", "bad.swift"], status: 0, says: ["exited 0]"], environment: ["BAD": "_exit"]
        ),
        Case(
            name: "kill -9 itself", words: ["run", "bad.swift"], status: 1, says: ["SIGKILL"],
            environment: ["BAD": "kill9"]),
        Case(
            name: "terminal escapes", words: ["run", "bad.swift"], status: 0, says: ["^[[2J"], never: ["\u{1b}[2J"],
            environment: ["BAD": "binary"]),
        Case(
            name: "fatalError", words: ["run", "bad.swift"], status: 1,
            says: ["crashed: the learner gave up at bad.swift:29"], environment: ["BAD": "fatal"]),
        Case(
            name: "100 processes", words: ["run", "bad.swift"], status: 0,
            says: ["started 100 processes", "exited 0]"],
            environment: ["BAD": "processes"]),
        Case(
            name: "setsid grandchild", words: ["run", "bad.swift"], status: 0, says: ["a grandchild left the group"],
            environment: ["BAD": "escape"]),
        Case(
            name: "100 threads", words: ["run", "bad.swift"], status: 0, says: ["started 100 threads", "exited 0]"],
            environment: ["BAD": "threads"]),
        Case(
            name: "does not compile", words: ["run", "broken.swift"], status: 2,
            says: ["broken.swift:1:", "does not compile"]),
        Case(name: "not UTF-8", words: ["run", "latin1.swift"], status: 2, says: ["not UTF-8"]),
        Case(
            name: "crash under the checker", words: ["explore", "crashy.swift"], status: 1,
            says: ["crashed: Index out of range at crashy.swift:7", "T1", "Replay:"],
            never: ["crash\t", "after 0 schedules"]),
        Case(
            name: "replayed crash shows its steps", words: ["replay", "crashy.swift", "T1-b2", "--scenario", "oob"],
            status: 1,
            says: ["read items", "crash: Index out of range", "after 1 schedule (1 failed)"], never: ["crash\t"],
            line: "replay crashy.swift T1-b2 --scenario oob"),
    ]

    /// Folders that are missing, empty or cannot be written.
    func content() -> [Case] {
        [
            Case(
                name: "grade without exercises", words: ["grade"], status: 2,
                says: ["nothing to grade", "does not exist"],
                environment: ["PARLEARN_EXERCISES": "/nonexistent/exercises"]),
            Case(
                name: "grade an empty folder", words: ["grade"], status: 2, says: ["holds no exercise folders"],
                environment: ["PARLEARN_EXERCISES": fixture.work.path]),
            Case(
                name: "unwritable cache", words: ["run", "bad.swift"], status: 2,
                says: ["cannot create its build cache folder", "/dev/null is not a directory", "PARLEARN_CACHE_DIR"],
                never: ["does not compile"], environment: ["PARLEARN_CACHE_DIR": "/dev/null/cache"]),
            Case(
                name: "HOME is a file", words: ["run", "bad.swift"], status: 2,
                says: ["/dev/null/.cache/parlearn", "PARLEARN_CACHE_DIR"], never: ["does not compile"],
                environment: ["PARLEARN_CACHE_DIR": "", "XDG_CACHE_HOME": "", "HOME": "/dev/null"]),
        ]
    }

    // MARK: Running them

    private func prepareFiles() throws {
        try Data("let x: Int = \"no\"\n".utf8).write(to: fixture.work.appendingPathComponent("broken.swift"))
        try Data([0x70, 0x72, 0x69, 0x6e, 0x74, 0x28, 0xe9, 0xff, 0x29, 0x0a]).write(
            to: fixture.work.appendingPathComponent("latin1.swift"))
    }

    /// Runs `cases` both ways and checks message, status, state and survival. With
    /// `oneSession` every case is typed into the same REPL session (their environments must
    /// agree), each followed by a marker line whose error splits the output per case.
    private func check(_ cases: [Case], oneSession: Bool = false) throws {
        try prepareFiles()
        let before = fixture.snapshot()
        // The command-line runs are independent processes: two at a time halves the wait.
        let fixture = self.fixture!
        let results = Mutex([Int: Result<ParlearnCommand.Result, any Error>]())
        DispatchQueue.concurrentPerform(iterations: 2) { lane in
            for (n, c) in cases.enumerated() where c.cliToo && n % 2 == lane {
                let result = Result { try fixture.command(c.environment).run(c.words, timeout: 60) }
                results.withLock { $0[n] = result }
            }
        }
        for (n, c) in cases.enumerated() {
            let command = fixture.command(c.environment)
            if c.cliToo, let result = try results.withLock({ $0[n] })?.get() {
                XCTAssertEqual(result.status, c.status, "\(c.name): exit status\n\(result.all)")
                expect(c, in: result.all, how: "CLI")
            }
            if c.replToo && !oneSession {
                // The next line is a cheap one whose answer proves the REPL read it.
                let session = try command.run([], input: line(of: c) + "\n@@alive\n", timeout: 60)
                XCTAssertEqual(session.status, 0, "\(c.name): the REPL did not survive\n\(session.all)")
                expect(c, in: session.all, how: "REPL")
                XCTAssertTrue(
                    session.stderr.contains("unknown command '@@alive'"),
                    "\(c.name): the REPL did not run the next line\n\(session.all)")
            }
            if !c.recordsProgress {
                XCTAssertEqual(fixture.snapshot(), before, "\(c.name): the learner's state changed")
            }
        }
        if oneSession {
            let typed = cases.filter(\.replToo)
            let script =
                typed.enumerated().map { "\(line(of: $0.element))\n@@end-\($0.offset)\n" }.joined() + "chapters\n"
            let session = try fixture.command().run([], input: script, timeout: 120, merged: true)
            XCTAssertEqual(session.status, 0, "the REPL did not survive\n\(session.stdout.suffix(3000))")
            var rest = Substring(session.stdout)
            for (n, c) in typed.enumerated() {
                guard let end = rest.range(of: "unknown command '@@end-\(n)'") else {
                    XCTFail("\(c.name): the REPL stopped before the next line\n\(rest.prefix(3000))")
                    break
                }
                expect(c, in: String(rest[..<end.lowerBound]), how: "REPL")
                rest = rest[end.upperBound...]
            }
            XCTAssertTrue(rest.contains("01-threads"), "the REPL did not run its last line\n\(rest.prefix(3000))")
            XCTAssertEqual(fixture.snapshot(), before, "the REPL session changed the learner's state")
        }
        let deadline = Date().addingTimeInterval(3)
        while !fixture.survivors().isEmpty && Date() < deadline { usleep(100_000) }
        XCTAssertEqual(fixture.survivors(), [], "processes outlived their run")
    }

    private func line(of c: Case) -> String { c.line ?? c.words.joined(separator: " ") }

    private func expect(_ c: Case, in output: String, how: String) {
        for text in c.says {
            XCTAssertTrue(output.contains(text), "\(c.name) (\(how)): no \"\(text)\" in\n\(output.prefix(3000))")
        }
        for text in c.never {
            XCTAssertFalse(
                output.contains(text), "\(c.name) (\(how)): \"\(text)\" should not be shown\n\(output.prefix(3000))")
        }
    }

    func testUsageErrorsAreNamedAndChangeNothing() throws {
        try check(Self.usage, oneSession: true)
    }

    func testMisbehavingProgramsGetAVerdictAndLeaveNothingBehind() throws {
        try check(Self.programs)
    }

    func testBrokenFoldersAreNamedWithTheVariableThatMovesThem() throws {
        try check(content())
    }

    func testTheSuiteHasAtLeastFiftyCases() {
        let count = Self.usage.count + Self.programs.count + content().count + Self.stateCaseCount
        XCTAssertGreaterThanOrEqual(count, 50)
    }
}
