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
            graded += unloadable(pristine.diagnostics, root: pristineRoot) { _ in 0 }
            for exercise in pristine.exercises {
                let folder = submissionRoot.appendingPathComponent(relativePath(of: exercise.directory, under: pristineRoot))
                var inputs = exercise.checkInputs
                inputs.learnerFiles = exercise.learnerFiles.map { folder.appendingPathComponent($0) }
                gradeOne(exercise, inputs)
            }
        } else {
            let submission = ExerciseLoader.load(from: submissionRoot)
            let audit = LockAudit(catalog: submission)
            warnings += audit.warnings
            let broken = unloadable(submission.diagnostics, root: submissionRoot) { audit.points(of: $0, manifest: nil) }
            graded += broken
            let locked = Set(audit.lock?.folders ?? [])
            warnings += broken.filter { locked.contains($0.id) }.map {
                "\($0.id) is named in \(ExerciseLayout.checksLock) but does not load (\($0.message)); it scores 0"
            }
            var seen = Set(broken.map(\.id))
            for exercise in submission.exercises {
                let folder = relativePath(of: exercise.directory, under: submissionRoot)
                seen.insert(folder)
                if let refusal = audit.refused[folder] {
                    graded.append(GradedExercise(
                        unloadable: exercise.id, chapter: exercise.chapter,
                        maxScore: refusal.counts ? audit.points(of: folder, manifest: exercise.points) : 0,
                        message: refusal.reason))
                } else {
                    gradeOne(exercise, exercise.checkInputs)
                }
            }
            for folder in audit.missing(loaded: seen) {
                let message = "\(folder) is named in \(ExerciseLayout.checksLock) but is missing; it scores 0"
                warnings.append(message)
                graded.append(GradedExercise(
                    unloadable: folder, chapter: folder.split(separator: "/").first.map(String.init) ?? folder,
                    maxScore: audit.points(of: folder, manifest: nil), message: message))
            }
        }
        graded += runConcurrently(jobs, workers: workers, options: options, onGraded: onGraded)
        graded.sort { ($0.chapter, $0.id) < ($1.chapter, $1.id) }
        return GradeReport(exercises: graded, warnings: warnings, seed: options.seed)
    }

    /// Why `submissionRoot` cannot be graded at all, or nil. A missing folder, or one without a
    /// single exercise folder, must fail the grade instead of reporting 0/0 as a result.
    public static func nothingToGrade(in submissionRoot: URL) -> String? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: submissionRoot.path, isDirectory: &isDirectory),
              isDirectory.boolValue else {
            return "nothing to grade: the exercises folder \(submissionRoot.path) does not exist "
                + "(PARLEARN_EXERCISES chooses another)"
        }
        let catalog = ExerciseLoader.load(from: submissionRoot)
        guard catalog.exercises.isEmpty && catalog.diagnostics.isEmpty else { return nil }
        return "nothing to grade: \(submissionRoot.path) holds no exercise folders (chapter/exercise/\(ExerciseLayout.manifest))"
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
    private func unloadable(_ diagnostics: [ContentProblem], root: URL, points: (String) -> Int) -> [GradedExercise] {
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
                unloadable: folder, chapter: chapter, maxScore: points(folder),
                message: "the exercise could not be loaded: \(problems[0].message)", details: problems.map(\.description)
            )
        }
    }
}
