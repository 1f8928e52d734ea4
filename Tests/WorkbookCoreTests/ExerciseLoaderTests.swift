import Foundation
import XCTest
@testable import WorkbookCore

final class ExerciseLoaderTests: XCTestCase {
    func testLoadsAValidExercise() throws {
        let fixture = try ExerciseFixture(self)
        let folder = try fixture.addExercise(manifest: ExerciseFixture.manifest(id: "threads-counter", extra: "stress:\n  iterations: 7\n"))
        let exercise = try fixture.exercise("threads-counter")
        XCTAssertEqual(exercise.title, "Counter threads-counter")
        XCTAssertEqual(exercise.chapter, "01-threads", "the chapter defaults to the chapter folder")
        XCTAssertEqual(exercise.points, 10)
        XCTAssertEqual(exercise.engine, .threads)
        XCTAssertEqual(exercise.learnerFiles, ["counter.swift"])
        XCTAssertEqual(exercise.budget, ExerciseBudget(schedules: 50, seconds: 5, seeds: [1, 2], strategy: .portfolio, stressIterations: 7))
        XCTAssertEqual(exercise.hints, ["first hint", "second hint"])
        XCTAssertEqual(exercise.directory.path, folder.standardizedFileURL.path)
        XCTAssertEqual(exercise.starterURLs.map(\.lastPathComponent), ["counter.swift"])
        XCTAssertTrue(exercise.starterURLs[0].path.contains("/.starter/"))
    }

    func testSeedCountExpandsToTheFirstSeeds() throws {
        let fixture = try ExerciseFixture(self)
        let manifest = ExerciseFixture.manifest(id: "counter").replacingOccurrences(of: "seeds: [1, 2]", with: "seeds: 3\n  strategy: pct\n  depth: 2")
        try fixture.addExercise(manifest: manifest)
        let budget = try fixture.exercise().budget
        XCTAssertEqual(budget.seeds, [1, 2, 3])
        XCTAssertEqual(budget.strategy, .pct)
        XCTAssertEqual(budget.depth, 2)
        XCTAssertEqual(budget.reseeded(from: 40).seeds, [40, 41, 42])
    }

    func testMalformedYAMLNamesFileAndLine() throws {
        let fixture = try ExerciseFixture(self)
        let bad = "id: broken\ntitle: [unclosed\npoints: 3\n"
        let folder = try fixture.addExercise(slug: "broken", manifest: bad)
        try fixture.addExercise(slug: "good", manifest: ExerciseFixture.manifest(id: "good"))
        let catalog = fixture.load()
        XCTAssertEqual(catalog.exercises.map(\.id), ["good"], "one bad exercise must not hide the others")
        let diagnostic = try XCTUnwrap(catalog.diagnostics.first)
        XCTAssertEqual(catalog.diagnostics.count, 1)
        XCTAssertEqual(diagnostic.file, folder.appendingPathComponent("exercise.yml").path)
        XCTAssertNotNil(diagnostic.line)
        XCTAssertGreaterThanOrEqual(diagnostic.line ?? 0, 2, "the error is at or after the unclosed bracket")
        XCTAssertTrue(diagnostic.description.hasPrefix("\(diagnostic.file):\(diagnostic.line!)"), diagnostic.description)
        XCTAssertTrue(diagnostic.message.contains("malformed YAML"), diagnostic.message)
    }

    func testDuplicateIDPointsAtTheSecondIDLine() throws {
        let fixture = try ExerciseFixture(self)
        try fixture.addExercise(chapter: "01-threads", slug: "a", manifest: ExerciseFixture.manifest(id: "same"))
        let second = try fixture.addExercise(chapter: "02-async", slug: "b", manifest: "# comment\n\n" + ExerciseFixture.manifest(id: "same"))
        let catalog = fixture.load()
        XCTAssertEqual(catalog.exercises.count, 1)
        XCTAssertEqual(catalog.exercises.first?.chapter, "01-threads")
        XCTAssertEqual(catalog.diagnostics, [ContentProblem(
            file: second.appendingPathComponent("exercise.yml").path, line: 3,
            message: "duplicate id `same`: already used by \(fixture.root.appendingPathComponent("01-threads/a/exercise.yml").standardizedFileURL.path)"
        )])
    }

    func testEmptyHintsAndMissingBudgetAreReportedWithLines() throws {
        let fixture = try ExerciseFixture(self)
        let manifest = """
        id: counter
        title: Counter
        points: 10
        engine: threads
        files: [counter.swift]
        check: check.swift
        hints: []
        """
        let folder = try fixture.addExercise(manifest: manifest)
        let catalog = fixture.load()
        XCTAssertEqual(catalog.exercises, [])
        let file = folder.appendingPathComponent("exercise.yml").path
        XCTAssertTrue(catalog.diagnostics.contains(ContentProblem(file: file, line: 7, message: "`hints` must not be empty")), "\(catalog.diagnostics)")
        XCTAssertTrue(catalog.diagnostics.contains { $0.message.hasPrefix("missing `budget`") }, "\(catalog.diagnostics)")
    }

    func testNonPositiveBudgetsAndBadValues() throws {
        let fixture = try ExerciseFixture(self)
        let manifest = ExerciseFixture.manifest(id: "counter")
            .replacingOccurrences(of: "schedules: 50", with: "schedules: 0")
            .replacingOccurrences(of: "seconds: 5", with: "seconds: -1")
            .replacingOccurrences(of: "engine: threads", with: "engine: fibers")
            .replacingOccurrences(of: "points: 10", with: "points: 10\nhint: typo")
        try fixture.addExercise(manifest: manifest)
        let messages = fixture.load().diagnostics.map(\.message)
        XCTAssertTrue(messages.contains("`schedules` must be a whole number ≥ 1"), "\(messages)")
        XCTAssertTrue(messages.contains("`seconds` must be a number greater than 0"), "\(messages)")
        XCTAssertTrue(messages.contains("`engine` must be one of: threads, async, processes, stress, not `fibers`"), "\(messages)")
        XCTAssertTrue(messages.contains { $0.hasPrefix("unknown key `hint`") }, "\(messages)")
        let lines = fixture.load().diagnostics.compactMap(\.line)
        XCTAssertEqual(lines.count, messages.count, "every semantic error has a line")
    }

    func testMissingFilesAreNamed() throws {
        let fixture = try ExerciseFixture(self)
        let folder = try fixture.addExercise()
        try FileManager.default.removeItem(at: folder.appendingPathComponent(".solution/counter.swift"))
        try FileManager.default.removeItem(at: folder.appendingPathComponent("check.swift"))
        let diagnostics = fixture.load().diagnostics
        XCTAssertEqual(diagnostics.count, 2, "\(diagnostics)")
        XCTAssertTrue(diagnostics.contains { $0.message.hasPrefix("the check file `check.swift` does not exist") && $0.line == 6 })
        XCTAssertTrue(diagnostics.contains { $0.message.hasPrefix("the reference solution `.solution/counter.swift` does not exist") && $0.line == 5 })
    }

    func testFolderWithoutManifestAndMissingRoot() throws {
        let fixture = try ExerciseFixture(self)
        try fixture.write("x", to: fixture.root.appendingPathComponent("01-threads/stray/notes.txt"))
        XCTAssertEqual(fixture.load().diagnostics.map(\.message), ["an exercise folder needs an exercise.yml"])
        let missing = ExerciseLoader.load(from: fixture.root.appendingPathComponent("nope"))
        XCTAssertEqual(missing.diagnostics.map(\.message), ["the exercises folder does not exist"])
    }

    /// The shipped sample exercise must load and keep its locked hashes.
    func testRepositoryExercisesLoadAndMatchTheirLock() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("exercises")
        let catalog = ExerciseLoader.load(from: root)
        XCTAssertEqual(catalog.diagnostics, [])
        XCTAssertNotNil(catalog.exercise(id: "welcome-counter"))
        let lockText = try String(contentsOf: root.appendingPathComponent("checks.lock"), encoding: .utf8)
        let lock = try ChecksLock.parse(lockText)
        XCTAssertEqual(lock.mismatches(in: catalog), [], "regenerate exercises/checks.lock after editing a check or manifest")
        XCTAssertEqual(ChecksLock.compute(for: catalog), lock)
        for exercise in catalog.exercises {
            let source = try String(contentsOf: exercise.checkURL, encoding: .utf8)
            let expected = ExpectedScenarios.of(checkSource: source, listed: nil)
            if let listed = exercise.scenarioNames {
                XCTAssertEqual(expected.names, listed, "\(exercise.id): the manifest's scenarios must match the check file")
            }
            for file in exercise.learnerFiles {
                XCTAssertEqual(try Data(contentsOf: exercise.directory.appendingPathComponent(file)), try Data(contentsOf: exercise.starterURL(for: file)),
                               "\(exercise.id): the shipped learner file must be the pristine starter")
            }
        }
    }

    /// Issue 15's floor for the first three chapters: at least 25 exercises, and every code
    /// exercise names the reason its starter must fail, so `verify` proves that reason on
    /// at least two seeds (or, for a compiler-checked starter, the diagnostic).
    func testTheFirstChaptersHaveTwentyFiveExercisesThatFailForANamedReason() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("exercises")
        let first = ExerciseLoader.load(from: root).exercises.filter {
            ["00-welcome", "01-threads", "02-async"].contains($0.chapter)
        }
        XCTAssertGreaterThanOrEqual(first.count, 25)
        for exercise in first where exercise.kind == .code {
            if exercise.starterDiagnostic == nil {
                XCTAssertNotNil(exercise.starterBug, "\(exercise.id): name the starter's bug (starter_bug)")
                XCTAssertGreaterThanOrEqual(exercise.budget.seeds.count, 2,
                                            "\(exercise.id): verify it on 2 seeds or more")
            }
        }
    }
}

final class ExerciseScenarioScannerTests: XCTestCase {
    func testCountsCallsOutsideCommentsAndStrings() {
        let source = #"""
        import ParLearnKit
        // scenario("in a line comment")
        /* scenario("in a block") /* nested scenario("x") */ still comment scenario("y") */
        let text = "scenario(\"in a string\")"
        let raw = #"scenario("raw") \(no)"#
        let multi = """
            scenario("multi-line string")
            """
        scenario("first") { }
        scenario ( "second \"quoted\"" ) {
        }
        run.scenario("method, not the kit function")
        scenario("interpolated \(1)") { }
        myscenario("other function")
        """#
        let found = ScenarioScanner.declarations(in: source)
        XCTAssertEqual(found.map(\.name), ["first", "second \"quoted\"", nil])
        XCTAssertEqual(found.map(\.line), [9, 10, 13])
        XCTAssertEqual(ExpectedScenarios.of(checkSource: source, listed: nil), ExpectedScenarios(count: 3, names: nil))
        XCTAssertEqual(ExpectedScenarios.of(checkSource: source, listed: ["a"]), ExpectedScenarios(count: 1, names: ["a"]))
    }

    /// The cases the hand-written lexer got wrong: a string inside an interpolation ended the
    /// outer string early, and what followed became a phantom scenario named " : ".
    func testStringsInsideInterpolationsAreNotCode() {
        let source = ###"""
        let label = "\(flag ? "on" : "off") scenario(" : ") \("scenario("x")")"
        let raw = #"\#(n) scenario("raw") \(literal) "#
        /* outer /* scenario("nested") */ scenario("still a comment") */
        scenario("real") { }
        """###
        let found = ScenarioScanner.declarations(in: source)
        XCTAssertEqual(found.map(\.name), ["real"])
        XCTAssertEqual(found.map(\.line), [4])
    }

    /// A scenario inside `#if` may be compiled out, so it is found but not expected.
    func testScenariosInsideIfConfigAreConditional() {
        let source = """
        scenario("always") { }
        #if os(Linux)
        scenario("linux only") { }
        #else
        scenario("elsewhere") { }
        #endif
        """
        let found = ScenarioScanner.declarations(in: source)
        XCTAssertEqual(found.map(\.name), ["always", "linux only", "elsewhere"])
        XCTAssertEqual(found.map(\.conditional), [false, true, true])
        XCTAssertEqual(ExpectedScenarios.of(checkSource: source, listed: nil), ExpectedScenarios(count: 1, names: ["always"]))
    }

    func testBrokenCodeStillFindsTheScenarios() {
        let source = "scenario(\"a\") {\n    let x = \nscenario(\"b\") { }"
        XCTAssertEqual(ScenarioScanner.declarations(in: source).map(\.name), ["a", "b"])
    }
}
