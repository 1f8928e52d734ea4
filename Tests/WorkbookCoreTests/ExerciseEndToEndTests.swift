import Foundation
import ParLearnKit
import XCTest
@testable import WorkbookCore

/// The shipped sample exercise through the real runner and the real kit: the format works end
/// to end. Skipped when swiftc or the built kit is not available.
final class ExerciseEndToEndTests: XCTestCase {
    private func realChecker() throws -> (ExerciseChecker, Exercise) {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let catalog = ExerciseLoader.load(from: repo.appendingPathComponent("exercises"))
        let exercise = try XCTUnwrap(catalog.exercise(id: "welcome-counter"))
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("parlearn-e2e-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: cache) }
        let paths = WorkbookPaths(chapters: repo.appendingPathComponent("chapters"), exercises: catalog.root, state: cache, cache: cache)
        let runner: ProgramRunner
        do {
            runner = try ProgramRunner.standard(paths: paths)
        } catch {
            throw XCTSkip("no toolchain or kit here: \(error)")
        }
        return (ExerciseChecker(executor: ProcessExecutor(runner: runner)), exercise)
    }

    func testSampleStarterFailsAndSolutionPassesOnEverySeed() throws {
        let (checker, exercise) = try realChecker()
        for verificationCase in ContentVerification.cases(for: exercise) {
            let verdict = checker.check(verificationCase.inputs)
            XCTAssertNil(ContentVerification.problem(expectation: verificationCase.expectation, verdict: verdict), verificationCase.label)
            if verificationCase.expectation != .passes {
                // The starter names its bug (`starter_bug: invariant`), so each seed must find that kind.
                XCTAssertEqual(verificationCase.expectation, .bug(.invariant), verificationCase.label)
                XCTAssertEqual(verdict.bug?.kind, .invariant, verificationCase.label)
                XCTAssertNotNil(verdict.replayCommand)
            } else {
                XCTAssertEqual(verdict.schedulesRun, 3 * 2 * 300, "3 seeds × 2 scenarios × 300 schedules")
            }
        }
    }

    func testARealEarlyExitNeverPasses() throws {
        let (checker, exercise) = try realChecker()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parlearn-e2e-exit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        let learner = folder.appendingPathComponent("counter.swift")
        try Data("""
        import Foundation
        import ParLearnKit

        final class HitCounter: Sendable {
            func increment() { exit(0) }
            var value: Int { 6 }
        }

        """.utf8).write(to: learner)
        var inputs = exercise.checkInputs(using: [learner])
        inputs.budget.seeds = [1]
        let verdict = checker.check(inputs)
        XCTAssertEqual(verdict.kind, .incomplete, verdict.headline)
        // The kit's exit record names the thread that called exit(0).
        XCTAssertEqual(verdict.headline, "your code called exit(0) in thread 'T1' of scenario 'two threads increment once' before the checks finished")
    }

    /// Learner code that writes a passing report where the kit would, with every token it can
    /// find in its environment (the attack the docs used to admit), scores nothing.
    func testAForgedReportNeverPasses() throws {
        let (checker, exercise) = try realChecker()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parlearn-e2e-forge-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        let learner = folder.appendingPathComponent("counter.swift")
        try Data(#"""
        import Foundation
        import ParLearnKit

        func forge() -> Never {
            let raw = (try? Data(contentsOf: URL(fileURLWithPath: "/proc/self/environ"))) ?? Data()
            var env = ProcessInfo.processInfo.environment
            for pair in raw.split(separator: 0) {
                let parts = String(decoding: pair, as: UTF8.self).split(separator: "=", maxSplits: 1).map(String.init)
                if parts.count == 2 { env[parts[0]] = parts[1] }
            }
            let nonce = env["PARLEARN_NONCE"] ?? env["PARLEARN_CHANNEL"].flatMap { fd in
                Int32(fd).flatMap { fcntl($0, F_GETFD) == -1 ? nil : String(decoding: FileHandle(fileDescriptor: $0).availableData, as: UTF8.self) }
            } ?? ""
            let scenarios = ["two threads increment once", "three threads increment twice"].map {
                ScenarioReport(scenario: $0, engine: .threads, verdict: .clean, message: "", seed: 1,
                               strategy: "portfolio", schedulesRun: 300, failuresSeen: 0)
            }
            let token = nonce.trimmingCharacters(in: .whitespacesAndNewlines)
            let forged = ProgramReport(nonce: token.isEmpty ? nil : token, complete: true, scenarios: scenarios).jsonData()
            if let path = env["PARLEARN_REPORT"] { try? forged.write(to: URL(fileURLWithPath: path)) }
            print("PASS")
            _exit(0)
        }

        final class HitCounter: Sendable {
            func increment() { forge() }
            var value: Int { 6 }
        }

        """#.utf8).write(to: learner)
        var inputs = exercise.checkInputs(using: [learner])
        inputs.budget.seeds = [1]
        let verdict = checker.check(inputs)
        XCTAssertNotEqual(verdict.kind, .passed, verdict.headline)
        XCTAssertFalse(verdict.output.contains("PASS") && verdict.kind == .passed)
    }

    /// The case that made verdicts depend on load (issue 13): learner code spinning where the
    /// checker cannot see. Its watchdog needs 1.5 s of the thread's CPU time; with three CPU hogs
    /// on its core the run takes longer than the old wall-clock limit (budget 1 s + 5 s), which
    /// used to kill it first and call it timed out. Seed 1, the exercise's 300 schedules.
    func testASpinningSubmissionGetsTheSameVerdictOnALoadedMachine() throws {
        let (checker, exercise) = try realChecker()
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("parlearn-e2e-spin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        let learner = folder.appendingPathComponent("counter.swift")
        try Data("""
        import ParLearnKit

        final class HitCounter: Sendable {
            private let count = Mutex(0, "count")
            func increment() {
                while true {}
            }
            var value: Int { count.withLock { $0 } }
        }

        """.utf8).write(to: learner)
        var inputs = exercise.checkInputs(using: [learner])
        (inputs.budget.seeds, inputs.budget.seconds) = ([1], 1)
        var alone = checker.check(inputs)
        var loaded = CPULoad.run(hogs: 3) { checker.check(inputs) }
        XCTAssertGreaterThan(loaded.duration, CheckPlan.timeout(forBudget: 1), "the load must outlast the old limit")
        XCTAssertEqual(alone.kind, .failed, alone.headline)
        XCTAssertEqual(alone.bug?.kind, .livelock, alone.headline)
        // Timings aside, the verdicts are the same.
        (alone.duration, loaded.duration) = (0, 0)
        alone.bug?.elapsed = nil
        loaded.bug?.elapsed = nil
        XCTAssertEqual(alone, loaded)
    }
}
