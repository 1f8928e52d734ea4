import Foundation
import ParLearnKit
import Synchronization
import XCTest
@testable import WorkbookCore

/// A temporary exercises folder, removed when the test ends.
final class ExerciseFixture {
    let root: URL

    init(_ test: XCTestCase) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("parlearn-ex-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let root = self.root
        test.addTeardownBlock { try? FileManager.default.removeItem(at: root) }
    }

    static let checkSource = """
    import ParLearnKit
    // scenario("commented out") must not count
    scenario("one") { check(value() == 1, "value is \\(value())") }
    scenario("two") { check(value() == 1, "again") }
    """

    static func manifest(id: String, extra: String = "") -> String {
        """
        id: \(id)
        title: Counter \(id)
        points: 10
        engine: threads
        files: [counter.swift]
        check: check.swift
        budget:
          schedules: 50
          seconds: 5
          seeds: [1, 2]
        hints:
          - first hint
          - second hint
        \(extra)
        """
    }

    /// Writes a complete, valid exercise (or one with the given manifest) and returns its folder.
    @discardableResult
    func addExercise(
        chapter: String = "01-threads", slug: String = "counter", manifest: String? = nil,
        learner: String = "func value() -> Int { 0 }\n", solution: String = "func value() -> Int { 1 }\n",
        check: String = ExerciseFixture.checkSource
    ) throws -> URL {
        let folder = root.appendingPathComponent("\(chapter)/\(slug)", isDirectory: true)
        try write(manifest ?? ExerciseFixture.manifest(id: slug), to: folder.appendingPathComponent("exercise.yml"))
        try write("# Task\nMake it count.\n", to: folder.appendingPathComponent("task.md"))
        try write(learner, to: folder.appendingPathComponent("counter.swift"))
        try write(learner, to: folder.appendingPathComponent(".starter/counter.swift"))
        try write(solution, to: folder.appendingPathComponent(".solution/counter.swift"))
        try write(check, to: folder.appendingPathComponent("check.swift"))
        return folder
    }

    func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func load() -> ExerciseCatalog { ExerciseLoader.load(from: root) }

    func exercise(_ id: String = "counter", file: StaticString = #filePath, line: UInt = #line) throws -> Exercise {
        let catalog = load()
        XCTAssertEqual(catalog.diagnostics, [], file: file, line: line)
        return try XCTUnwrap(catalog.exercise(id: id), file: file, line: line)
    }
}

/// A stand-in for the program runner: it compiles nothing and answers each run as the test scripted.
final class FakeExecutor: ProgramExecuting {
    let compileResult: CompileResult
    let explore: @Sendable (RunRequest) -> CheckerOutcome
    let plain: @Sendable (Int) -> PlainRun
    private let log = Mutex<(compiled: [(files: [URL], main: URL)], requests: [RunRequest], timeouts: [Double], plainRuns: Int)>(([], [], [], 0))

    init(
        compile: CompileResult = .compiled(binary: URL(fileURLWithPath: "/fake/binary"), cached: false),
        plain: @escaping @Sendable (Int) -> PlainRun = { _ in PlainRun(outcome: .exited(0)) },
        explore: @escaping @Sendable (RunRequest) -> CheckerOutcome
    ) {
        compileResult = compile
        self.explore = explore
        self.plain = plain
    }

    var requests: [RunRequest] { log.withLock { $0.requests } }
    var timeouts: [Double] { log.withLock { $0.timeouts } }
    var compiled: [(files: [URL], main: URL)] { log.withLock { $0.compiled } }
    var plainRuns: Int { log.withLock { $0.plainRuns } }

    func compile(files: [URL], mainFile: URL) -> CompileResult {
        log.withLock { $0.compiled.append((files, mainFile)) }
        return compileResult
    }

    func explore(binary: URL, request: RunRequest, timeout: Double) -> ExploreRun {
        log.withLock {
            $0.requests.append(request)
            $0.timeouts.append(timeout)
        }
        return ExploreRun(outcome: explore(request), output: "explored seed \(request.seed)\n", duration: 0.25)
    }

    func runPlain(binary: URL, timeout: Double) -> PlainRun {
        let n = log.withLock {
            $0.plainRuns += 1
            return $0.plainRuns
        }
        return plain(n)
    }

    /// The stress engine is not faked: these tests cover the controlled engines.
    func stress(files: [URL], options: StressOptions) -> StressOutcome {
        .noEntryPoint(file: files.first?.lastPathComponent ?? "")
    }

    func demangle(_ symbols: [String]) -> [String: String] { [:] }

    var cores: Int { 2 }

    /// A complete, clean report of `names` for the request's seed.
    static func clean(_ names: [String], schedules: Int = 50) -> @Sendable (RunRequest) -> CheckerOutcome {
        { request in
            .finished(ProgramReport(nonce: "n", complete: true, scenarios: names.map {
                ScenarioReport(scenario: $0, engine: .threads, verdict: .clean, message: "explored", seed: request.seed, strategy: "portfolio", schedulesRun: schedules, failuresSeen: 0)
            }), status: .exited(0))
        }
    }

    static func lostUpdate(in request: RunRequest) -> CheckerOutcome {
        .finished(ProgramReport(nonce: "n", complete: true, scenarios: [
            ScenarioReport(
                scenario: "one", engine: .threads, verdict: .bug, kind: .invariant, message: "value is 0",
                schedule: "T1-ab2a", seed: request.seed, strategy: "portfolio/pct(d=2)", schedulesRun: 7, failuresSeen: 3,
                threads: ["main", "T1"], trace: [TraceStep(thread: 1, operation: "read count", value: "0")]
            ),
        ]), status: .exited(0))
    }
}
