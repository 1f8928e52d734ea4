import Foundation
import ParLearnKit

/// One exercise, loaded and validated from `exercises/NN-chapter/slug/exercise.yml`.
///
/// Paths are absolute so the checker, the grader and `reset` never depend on the working
/// directory. The authoring format is documented in `docs/exercises.md`.
public struct Exercise: Sendable, Equatable {
    /// Unique across all exercises, e.g. `threads-counter`.
    public var id: String
    public var title: String
    /// The chapter folder name, e.g. `01-threads`.
    public var chapter: String
    public var points: Int
    public var engine: Engine
    /// The folder holding `exercise.yml`.
    public var directory: URL
    /// File names (relative to ``directory``) the learner edits.
    public var learnerFiles: [String]
    /// The check file's name, compiled as `main.swift`.
    public var checkFile: String
    public var budget: ExerciseBudget
    /// Progressive hints, shown one at a time; never empty.
    public var hints: [String]
    /// Scenario names the check declares, when the manifest lists them. Otherwise the count of
    /// `scenario(` calls in the check file is the expectation.
    public var scenarioNames: [String]?
    /// Set when the starter is expected not to compile (the compiler is the first checker): text
    /// that one of the starter's compiler errors must contain. Nil for a starter that compiles.
    public var starterDiagnostic: String?
    /// What the learner hands in: code, a prediction of the outcomes, or a schedule.
    public var kind: ExerciseKind
    /// The kind of bug the starter must be caught with on every seed (`starter_bug`), so that
    /// `verify` proves it fails for the intended reason; nil accepts any bug.
    public var starterBug: BugKind?

    public init(
        id: String, title: String, chapter: String, points: Int, engine: Engine, directory: URL,
        learnerFiles: [String], checkFile: String, budget: ExerciseBudget, hints: [String],
        scenarioNames: [String]? = nil, starterDiagnostic: String? = nil, kind: ExerciseKind = .code,
        starterBug: BugKind? = nil
    ) {
        self.id = id
        self.title = title
        self.chapter = chapter
        self.points = points
        self.engine = engine
        self.directory = directory
        self.learnerFiles = learnerFiles
        self.checkFile = checkFile
        self.budget = budget
        self.hints = hints
        self.scenarioNames = scenarioNames
        self.starterDiagnostic = starterDiagnostic
        self.kind = kind
        self.starterBug = starterBug
    }

    public var manifestURL: URL { directory.appendingPathComponent(ExerciseLayout.manifest) }
    public var taskURL: URL { directory.appendingPathComponent(ExerciseLayout.task) }
    public var checkURL: URL { directory.appendingPathComponent(checkFile) }
    public var learnerURLs: [URL] { learnerFiles.map { directory.appendingPathComponent($0) } }
    /// The pristine starters `reset` restores, one per learner file.
    public var starterURLs: [URL] { learnerFiles.map { starterURL(for: $0) } }
    /// The reference solutions, one per learner file.
    public var solutionURLs: [URL] { learnerFiles.map { solutionURL(for: $0) } }

    public func starterURL(for file: String) -> URL {
        directory.appendingPathComponent(ExerciseLayout.starterFolder).appendingPathComponent(file)
    }

    public func solutionURL(for file: String) -> URL {
        directory.appendingPathComponent(ExerciseLayout.solutionFolder).appendingPathComponent(file)
    }
}

/// What an exercise asks for, and so how `check` grades it.
public enum ExerciseKind: String, Sendable, Equatable, CaseIterable {
    /// Swift code compiled with the check and explored (the usual kind).
    case code
    /// A text file listing every final value the learner thinks the check's scenario can produce;
    /// graded against `parlearn outcomes --exhaustive`.
    case predict
    /// A text file holding a schedule string recorded with `parlearn step`; it must make the
    /// check's scenario fail when replayed.
    case schedule

    /// Whether the learner's files are Swift sources compiled into the program.
    public var compilesLearnerFiles: Bool { self == .code }
}

/// The checker's budget for one exercise: how hard it looks before it says "passed".
public struct ExerciseBudget: Sendable, Equatable {
    /// Schedules explored per scenario per seed.
    public var schedules: Int
    /// Budget of one exploration run, in seconds of CPU time (stress exercises: wall-clock seconds).
    public var seconds: Double
    /// The seeds explored, one run each. Fixed so a verdict is reproducible.
    public var seeds: [UInt64]
    public var strategy: RunRequest.Strategy
    /// PCT depth and DFS preemption bound; nil keeps the kit's defaults.
    public var depth: Int?
    public var preemptionBound: Int?
    /// Real-thread runs made by `check --stress` (and by grading when asked).
    public var stressIterations: Int

    public static let defaultStressIterations = 50
    /// How the stress engine runs this exercise (`engine: stress`); unused by the other engines.
    public var stress = StressSettings()

    public init(
        schedules: Int, seconds: Double, seeds: [UInt64], strategy: RunRequest.Strategy = .portfolio,
        depth: Int? = nil, preemptionBound: Int? = nil, stressIterations: Int = ExerciseBudget.defaultStressIterations
    ) {
        self.schedules = schedules
        self.seconds = seconds
        self.seeds = seeds
        self.strategy = strategy
        self.depth = depth
        self.preemptionBound = preemptionBound
        self.stressIterations = stressIterations
    }

    /// The same number of seeds, renumbered from `base` (`grade --seed S`).
    public func reseeded(from base: UInt64) -> ExerciseBudget {
        var copy = self
        copy.seeds = (0..<UInt64(seeds.count)).map { base &+ $0 }
        return copy
    }
}

/// File and folder names inside an exercise folder.
public enum ExerciseLayout {
    public static let manifest = "exercise.yml"
    public static let task = "task.md"
    public static let starterFolder = ".starter"
    public static let solutionFolder = ".solution"
    /// Answer exercises only: known-wrong answers `verify` proves are turned down.
    public static let wrongFolder = ".wrong"
    /// The hash file at the top of the exercises folder.
    public static let checksLock = "checks.lock"
}
