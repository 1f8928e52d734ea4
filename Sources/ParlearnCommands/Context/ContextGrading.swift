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
        let report = Grader(checker: checker).grade(
            submissionRoot: paths.exercises, pristineRoot: pristine,
            options: .init(seed: options.seed, stressIterations: options.stress)
        ) { graded in
            FileHandle.standardError.write(Data("graded \(graded.id): \(graded.status.rawValue) \(graded.score)/\(graded.maxScore)\n".utf8))
        }
        let text = options.format.render(report, includeDurations: !options.deterministic)
        if let output = options.output {
            do {
                try AtomicFile.write(Data(text.utf8), to: output)
            } catch {
                console.error("cannot write \(output): \(error)")
                return 2
            }
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
    /// program is caught and every fixed one is clean, for each of `seeds`.
    @discardableResult
    func verify(seeds: [UInt64], only: String?) -> Int32 {
        reload()
        guard let checker = exerciseChecker() else { return 2 }
        var cases: [VerificationCase] = []
        for chapter in library.chapters where only == nil || chapter.slug.hasPrefix(only!) {
            for program in chapter.programs {
                cases += ContentVerification.cases(chapter: chapter.slug, program: program, file: chapter.url(of: program), seeds: seeds)
            }
        }
        let catalog = exerciseCatalog
        for exercise in catalog.exercises where only == nil || exercise.directory.path.contains("/\(only!)") || exercise.id == only {
            cases += ContentVerification.cases(for: exercise)
        }
        var failures = library.problems.map { "content: \($0)" } + catalog.diagnostics.map { "content: \($0)" }
        for problem in failures { console.error(problem) }
        _ = interruptRequested()
        var passed = 0
        for item in cases {
            let verdict = checker.check(item.inputs, replayTarget: item.label)
            if verdict.kind == .interrupted {
                console.error("verify stopped by Ctrl-C")
                return 1
            }
            if let problem = ContentVerification.problem(expectation: item.expectation, verdict: verdict) {
                failures.append("\(item.label): \(problem)")
                console.print("\(console.theme.paint("✗", .red)) \(item.label): \(problem)")
            } else {
                passed += 1
                let found = verdict.kind == .doesNotCompile ? ""
                    : verdict.bug.map { " (\($0.kind?.rawValue ?? "bug") after \($0.schedulesRun) schedules)" } ?? " (\(verdict.schedulesRun) schedules)"
                console.print("\(console.theme.paint("✓", .green)) \(item.label) must \(item.expectation)\(found)")
            }
        }
        console.print("\(passed) passed, \(failures.count) failed")
        return failures.isEmpty ? 0 : 1
    }

    /// Rewrites `exercises/checks.lock` from the current check files and manifests.
    @discardableResult
    func lock() -> Int32 {
        let catalog = exerciseCatalog
        for problem in catalog.diagnostics { console.error("skipped \(problem)") }
        let file = paths.exercises.appendingPathComponent("checks.lock")
        do {
            try AtomicFile.write(Data(ChecksLock.compute(for: catalog).text.utf8), to: file.path)
            console.print("wrote \(file.path) for \(catalog.exercises.count) exercises")
            return catalog.diagnostics.isEmpty ? 0 : 2
        } catch {
            console.error("cannot write \(file.path): \(error)")
            return 2
        }
    }
}
