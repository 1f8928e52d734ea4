import Foundation
import Synchronization

/// `parlearn grade`: checks every exercise with its fixed seeds and budget and builds a
/// ``GradeReport``. One broken exercise becomes an `error` entry; grading always carries on.
public struct Grader: Sendable {
    public struct Options: Sendable, Equatable {
        /// `--seed S`: every exercise's seeds are renumbered from S.
        public var seed: UInt64?
        /// Real-thread runs per exercise after the engine passed; nil for none.
        public var stressIterations: Int?

        public init(seed: UInt64? = nil, stressIterations: Int? = nil) {
            self.seed = seed
            self.stressIterations = stressIterations
        }
    }

    public let checker: ExerciseChecker

    public init(checker: ExerciseChecker) {
        self.checker = checker
    }

    /// Grades the submission in `submissionRoot` (an exercises folder).
    ///
    /// With `pristineRoot` (`--checks DIR`) the instructor's copy decides which exercises exist,
    /// their check files, budgets and points, and where the learner files are; the student's
    /// manifests and check files are ignored. Without it the submission's own files are used and
    /// every difference from `checks.lock` is a warning.
    ///
    /// `onGraded` sees each exercise as soon as it is graded (for a progress line).
    ///
    /// Exercises are independent child processes, so `workers` of them run at once (one per core
    /// by default); the report is sorted, so it does not depend on which finished first.
    public func grade(
        submissionRoot: URL, pristineRoot: URL? = nil, options: Options = Options(),
        workers: Int = ProcessInfo.processInfo.activeProcessorCount,
        onGraded: @escaping @Sendable (GradedExercise) -> Void = { _ in }
    ) -> GradeReport {
        var warnings: [String] = []
        var graded: [GradedExercise] = []
        var jobs: [(Exercise, CheckInputs)] = []
        func gradeOne(_ exercise: Exercise, _ inputs: CheckInputs) {
            jobs.append((exercise, inputs))
        }
        if let pristineRoot {
            let pristine = ExerciseLoader.load(from: pristineRoot)
            warnings += pristine.diagnostics.map { "instructor copy: \($0)" }
            graded += unloadable(pristine.diagnostics, root: pristineRoot)
            for exercise in pristine.exercises {
                let folder = submissionRoot.appendingPathComponent(relativePath(of: exercise.directory, under: pristineRoot))
                var inputs = exercise.checkInputs
                inputs.learnerFiles = exercise.learnerFiles.map { folder.appendingPathComponent($0) }
                gradeOne(exercise, inputs)
            }
        } else {
            let submission = ExerciseLoader.load(from: submissionRoot)
            warnings += lockWarnings(for: submission)
            graded += unloadable(submission.diagnostics, root: submissionRoot)
            for exercise in submission.exercises {
                gradeOne(exercise, exercise.checkInputs)
            }
        }
        graded += runConcurrently(jobs, workers: workers, options: options, onGraded: onGraded)
        graded.sort { ($0.chapter, $0.id) < ($1.chapter, $1.id) }
        return GradeReport(exercises: graded, warnings: warnings, seed: options.seed)
    }

    private func runConcurrently(_ jobs: [(Exercise, CheckInputs)], workers: Int, options: Options,
                                 onGraded: @escaping @Sendable (GradedExercise) -> Void) -> [GradedExercise] {
        let next = Synchronization.Mutex(0)
        let results = Synchronization.Mutex([GradedExercise?](repeating: nil, count: jobs.count))
        DispatchQueue.concurrentPerform(iterations: max(1, min(workers, jobs.count))) { _ in
            while true {
                let index = next.withLock { value -> Int in
                    defer { value += 1 }
                    return value
                }
                guard index < jobs.count else { return }
                let result = grade(jobs[index].0, inputs: jobs[index].1, options: options)
                results.withLock { $0[index] = result }
                onGraded(result)
            }
        }
        return results.withLock { $0.compactMap { $0 } }
    }

    private func grade(_ exercise: Exercise, inputs: CheckInputs, options: Options) -> GradedExercise {
        var inputs = inputs
        if let seed = options.seed { inputs.budget = inputs.budget.reseeded(from: seed) }
        let verdict = checker.check(inputs, stressIterations: options.stressIterations)
        return GradedExercise(exercise: exercise, verdict: verdict)
    }

    /// One error entry per exercise folder that failed to load, so it shows in the report.
    private func unloadable(_ diagnostics: [ContentProblem], root: URL) -> [GradedExercise] {
        var byFolder: [String: [ContentProblem]] = [:]
        for diagnostic in diagnostics {
            let url = URL(fileURLWithPath: diagnostic.file)
            let folder = url.lastPathComponent.contains(".") ? url.deletingLastPathComponent() : url
            byFolder[relativePath(of: folder, under: root), default: []].append(diagnostic)
        }
        return byFolder.keys.sorted().map { folder in
            let problems = byFolder[folder]!
            let chapter = folder.split(separator: "/").first.map(String.init) ?? folder
            return GradedExercise(
                unloadable: folder, chapter: chapter, maxScore: 0,
                message: "the exercise could not be loaded: \(problems[0].message)", details: problems.map(\.description)
            )
        }
    }

    private func lockWarnings(for catalog: ExerciseCatalog) -> [String] {
        let lockURL = catalog.root.appendingPathComponent(ExerciseLayout.checksLock)
        guard let text = FileManager.default.contents(atPath: lockURL.path).map({ String(decoding: $0, as: UTF8.self) }) else {
            return ["no \(ExerciseLayout.checksLock) in \(catalog.root.path): edited check files cannot be detected; grade with --checks DIR"]
        }
        do {
            let lock = try ChecksLock.parse(text)
            return lock.mismatches(in: catalog).map { "check content changed: \($0); grade with --checks DIR to use the pristine copy" }
        } catch {
            return ["\(lockURL.path): \(error.message) at line \(error.line); edited check files cannot be detected"]
        }
    }
}
