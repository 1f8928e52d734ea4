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
            if verificationCase.expectation == .fails {
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
}
