import Foundation
import ParLearnKit
import WorkbookCore

/// `grade`, `verify` and `lock`: the instructor's and the content author's commands.
extension CommandContext {
    struct GradeOptions {
        var format: GradeFormat = .text
        var output: String?
        var checks: String?
        var seed: UInt64?
        var failUnder: Double?
        var deterministic = false
        var stress: Int?
    }

    @discardableResult
    func grade(_ options: GradeOptions) -> Int32 {
        guard let checker = exerciseChecker() else { return 2 }
        let pristine = options.checks.map { URL(fileURLWithPath: $0) }
        if let pristine, !FileManager.default.fileExists(atPath: pristine.path) {
            console.error("--checks \(pristine.path): no such folder")
            return 2
        }
        if let problem = Grader.nothingToGrade(in: paths.exercises) {
            console.error(problem)
            return 2
        }
        let report = Grader(checker: checker).grade(
            submissionRoot: paths.exercises, pristineRoot: pristine,
            options: .init(seed: options.seed, stressIterations: options.stress)
        ) { graded in
            // The callback is @Sendable, so it cannot reach the console: progress goes straight to stderr.
            let line = "graded \(graded.id): \(graded.status.rawValue) \(graded.score)/\(graded.maxScore)\n"
            FileHandle.standardError.write(Data(line.utf8))
        }
        let text = options.format.render(report, includeDurations: !options.deterministic)
        if let output = options.output {
            do {
                try AtomicFile.write(Data(text.utf8), to: output)
            } catch {
                console.error("cannot write \(output): \(error)")
                return 2
            }
        } else if options.format == .text {
            // The text report is for people: fitted to a terminal like every summary.
            console.printFitted(lines: text.split(separator: "\n", omittingEmptySubsequences: false)
                .dropLast(text.hasSuffix("\n") ? 1 : 0).map(String.init))
        } else {
            console.write(text.hasSuffix("\n") ? text : text + "\n")
        }
        if let threshold = options.failUnder, !report.meets(failUnder: threshold) {
            console.error(String(format: "score %.1f%% is under --fail-under %.1f%%", report.percent, threshold))
            return 1
        }
        return 0
    }

    /// Proves the content: every starter fails, every solution passes, every racy chapter
    /// program is caught and every fixed one is clean, for each of `seeds`; `jobs` cases at once.
    func verify(seeds: [UInt64], only: String?, jobs: Int = 1) -> Int32 {
        reload()
        guard let checker = exerciseChecker() else { return 2 }
        let catalog = exerciseCatalog
        let problems = library.problems.map(\.description) + catalog.diagnostics.map(\.description)
        for problem in problems { console.error("content: \(problem)") }
        let cases = ContentVerifier.cases(library: library, catalog: catalog, seeds: seeds, only: only)
        _ = interruptRequested()
        let summary = ContentVerifier(checker: checker).run(cases, jobs: jobs, contentProblems: problems) { result in
            let mark = result.problem == nil ? console.theme.paint("✓", .green) : console.theme.paint("✗", .red)
            console.printEntry("\(mark) ", leadWidth: 2, [StyledRun(result.summary)])
        }
        if summary.interrupted {
            console.error("verify stopped by Ctrl-C")
        } else {
            console.printWrapped("\(summary.passed) passed, \(summary.failures.count) failed")
        }
        return summary.exitStatus
    }

    /// Rewrites `exercises/checks.lock` from the current check files and manifests.
    @discardableResult
    func lock() -> Int32 {
        let catalog = exerciseCatalog
        for problem in catalog.diagnostics { console.error("skipped \(problem)") }
        let file = paths.exercises.appendingPathComponent("checks.lock")
        do {
            try AtomicFile.write(Data(ChecksLock.compute(for: catalog).text.utf8), to: file.path)
            console.printWrapped("wrote \(file.path) for \(catalog.exercises.count) exercises")
            return catalog.diagnostics.isEmpty ? 0 : 2
        } catch {
            console.error("cannot write \(file.path): \(error)")
            return 2
        }
    }
}
