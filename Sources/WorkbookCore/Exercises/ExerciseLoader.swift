import Foundation
import ParLearnKit

/// The exercises that loaded, and a located diagnostic for each one that did not.
/// One broken exercise never hides the others.
public struct ExerciseCatalog: Sendable {
    public var root: URL
    /// In folder order: chapter, then slug.
    public var exercises: [Exercise]
    public var diagnostics: [ContentProblem]

    public func exercise(id: String) -> Exercise? { exercises.first { $0.id == id } }
}

/// Loads `root/NN-chapter/slug/exercise.yml` for every exercise folder.
public enum ExerciseLoader {
    static let knownKeys = [
        "id", "title", "chapter", "points", "engine", "files", "check", "budget", "stress", "hints", "scenarios",
        "starter_diagnostic", "starter_bug", "kind",
    ]
    static let budgetKeys = ["schedules", "seconds", "seeds", "strategy", "depth", "preemption_bound"]
    static let stressKeys = ["iterations", "threads", "tsan", "speedup", "parallelism", "runs", "no_lock_in_loop",
                             "show_speedup"]

    public static func load(from root: URL) -> ExerciseCatalog {
        var catalog = ExerciseCatalog(root: root, exercises: [], diagnostics: [])
        var firstFile: [String: String] = [:]
        for folder in exerciseFolders(in: root, diagnostics: &catalog.diagnostics) {
            let loaded = loadManifest(folder: folder)
            catalog.diagnostics += loaded.diagnostics
            if let (exercise, idLine) = loaded.exercise {
                if let earlier = firstFile[exercise.id] {
                    let file = exercise.manifestURL.path
                    catalog.diagnostics.append(ContentProblem(file: file, line: idLine, message: "duplicate id `\(exercise.id)`: already used by \(earlier)"))
                    continue
                }
                firstFile[exercise.id] = exercise.manifestURL.path
                catalog.exercises.append(exercise)
            }
        }
        return catalog
    }

    /// Loads and validates one exercise folder: the exercise, or nil with at least one problem.
    public static func load(folder: URL) -> (exercise: Exercise?, diagnostics: [ContentProblem]) {
        let loaded = loadManifest(folder: folder)
        return (loaded.exercise?.0, loaded.diagnostics)
    }

    /// The exercise and the line of its `id:` key, for duplicate-id diagnostics.
    private static func loadManifest(folder: URL) -> (exercise: (Exercise, Int?)?, diagnostics: [ContentProblem]) {
        let manifest = folder.appendingPathComponent(ExerciseLayout.manifest)
        let file = manifest.path
        guard let data = FileManager.default.contents(atPath: file) else {
            return (nil, [ContentProblem(file: file, message: "cannot read the exercise manifest")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return (nil, [ContentProblem(file: file, message: "the manifest is not UTF-8 text")])
        }
        var fields: ManifestFields
        switch ManifestFields.parse(text, file: file) {
        case .failure(let problem): return (nil, [problem])
        case .success(let parsed): fields = parsed
        }
        fields.rejectUnknownKeys(knownKeys)
        let id = fields.string("id")
        if let id, !isValidID(id) {
            fields.error("`id` may contain only lowercase letters, digits and `-`, like `threads-counter`", at: "id")
        }
        let title = fields.string("title")
        let chapter = fields.string("chapter", required: false) ?? folder.deletingLastPathComponent().lastPathComponent
        let points = fields.int("points", minimum: 0)
        let engine = fields.choice("engine", from: [Engine.threads, .async, .processes, .stress])
        let learnerFiles = fields.strings("files")
        let checkFile = fields.string("check")
        let hints = fields.strings("hints")
        let scenarioNames = fields.strings("scenarios", required: false)
        let starterDiagnostic = fields.string("starter_diagnostic", required: false)
        let kind = fields.choice("kind", from: ExerciseKind.allCases, required: false) ?? .code
        let starterBug = fields.choice("starter_bug", from: BugKind.allCases, required: false)
        if starterDiagnostic != nil && starterBug != nil {
            let reason = "a starter that does not compile has no bug to catch"
            fields.error("`starter_bug` and `starter_diagnostic` exclude each other: \(reason)", at: "starter_bug")
        }
        let budget = readBudget(&fields, engine: engine)
        if let learnerFiles, let checkFile {
            checkFilesExist(learnerFiles: learnerFiles, checkFile: checkFile, in: folder, fields: &fields)
        }
        if !FileManager.default.fileExists(atPath: folder.appendingPathComponent(ExerciseLayout.task).path) {
            fields.add(ContentProblem(file: folder.appendingPathComponent(ExerciseLayout.task).path, message: "missing task description"))
        }
        guard fields.diagnostics.isEmpty, let id, let title, let points, let engine, let learnerFiles,
              let checkFile, let hints, let budget else {
            return (nil, fields.diagnostics)
        }
        let exercise = Exercise(
            id: id, title: title, chapter: chapter, points: points, engine: engine, directory: folder.standardizedFileURL,
            learnerFiles: learnerFiles, checkFile: checkFile, budget: budget, hints: hints, scenarioNames: scenarioNames,
            starterDiagnostic: starterDiagnostic, kind: kind, starterBug: starterBug
        )
        return ((exercise, fields.line(of: "id")), [])
    }

    static func isValidID(_ id: String) -> Bool {
        id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
            && id.first != "-" && id.last != "-"
    }

    private static func readBudget(_ fields: inout ManifestFields, engine: Engine?) -> ExerciseBudget? {
        guard fields.has("budget") else {
            fields.error("missing `budget` (schedules, seconds, seeds)", at: "budget")
            return nil
        }
        guard var budget = fields.mapping("budget") else { return nil }
        budget.rejectUnknownKeys(budgetKeys)
        // The stress engine runs iterations, not schedules.
        let schedules = budget.int("schedules", required: engine != .stress) ?? (engine == .stress ? 1 : nil)
        let seconds = budget.positiveNumber("seconds")
        let seeds = budget.seeds("seeds")
        let strategy = budget.choice("strategy", from: RunRequest.Strategy.allCases, required: false) ?? .portfolio
        let depth = budget.int("depth", required: false)
        let preemptionBound = budget.int("preemption_bound", minimum: 0, required: false)
        fields.absorb(budget)
        var iterations = ExerciseBudget.defaultStressIterations
        var settings = StressSettings()
        if var stress = fields.mapping("stress") {
            stress.rejectUnknownKeys(stressKeys)
            iterations = stress.int("iterations") ?? iterations
            settings.threads = stress.int("threads", required: false) ?? settings.threads
            settings.threadSanitizer = stress.flag("tsan") ?? settings.threadSanitizer
            settings.speedup = stress.positiveNumber("speedup", required: false)
            settings.parallelism = stress.positiveNumber("parallelism", required: false)
            settings.runs = stress.int("runs", required: false) ?? settings.runs
            settings.noLockInLoop = stress.flag("no_lock_in_loop") ?? false
            settings.showSpeedup = stress.flag("show_speedup") ?? false
            fields.absorb(stress)
        }
        guard let schedules, let seconds, let seeds else { return nil }
        var result = ExerciseBudget(
            schedules: schedules, seconds: seconds, seeds: seeds, strategy: strategy, depth: depth,
            preemptionBound: preemptionBound, stressIterations: iterations
        )
        result.stress = settings
        return result
    }

    /// Every named file must exist: the pristine starters, the solutions and the check. A missing
    /// learner file is not a content error: the learner may have deleted it, and `check` says so
    /// while `reset` brings it back.
    private static func checkFilesExist(learnerFiles: [String], checkFile: String, in folder: URL, fields: inout ManifestFields) {
        for name in learnerFiles + [checkFile] where name.contains("/") || name.hasPrefix(".") {
            fields.error("`\(name)` must be a plain file name inside the exercise folder", at: name == checkFile ? "check" : "files")
        }
        if learnerFiles.contains(checkFile) {
            fields.error("the check file cannot also be a learner file", at: "check")
        }
        let exists = { (path: String) in FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path) }
        if !exists(checkFile) {
            fields.error("the check file `\(checkFile)` does not exist in \(folder.path)", at: "check")
        }
        for name in learnerFiles {
            for (path, what) in [("\(ExerciseLayout.starterFolder)/\(name)", "pristine starter"), ("\(ExerciseLayout.solutionFolder)/\(name)", "reference solution")] where !exists(path) {
                fields.error("the \(what) `\(path)` does not exist in \(folder.path)", at: "files")
            }
        }
    }

    private static func exerciseFolders(in root: URL, diagnostics: inout [ContentProblem]) -> [URL] {
        let chapters = subfolders(of: root)
        if chapters.isEmpty && !FileManager.default.fileExists(atPath: root.path) {
            diagnostics.append(ContentProblem(file: root.path, message: "the exercises folder does not exist"))
        }
        var folders: [URL] = []
        for chapter in chapters {
            for slug in subfolders(of: chapter) {
                if FileManager.default.fileExists(atPath: slug.appendingPathComponent(ExerciseLayout.manifest).path) {
                    folders.append(slug)
                } else {
                    diagnostics.append(ContentProblem(file: slug.path, message: "an exercise folder needs an \(ExerciseLayout.manifest)"))
                }
            }
        }
        return folders
    }

    private static func subfolders(of url: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.sorted().filter { !$0.hasPrefix(".") }.map { url.appendingPathComponent($0) }.filter {
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: $0.path, isDirectory: &isDirectory) && isDirectory.boolValue
        }
    }
}
