import Foundation
import ParLearnKit

/// The sources and budget one check uses. Usually an exercise's own files; `verify` swaps in the
/// starter or the solution, and `grade --checks` takes the check file and budget from the
/// instructor's pristine copy.
public struct CheckInputs: Sendable, Equatable {
    public var exerciseID: String
    public var engine: Engine
    public var learnerFiles: [URL]
    public var checkFile: URL
    public var budget: ExerciseBudget
    public var scenarioNames: [String]?
    public var kind: ExerciseKind

    public init(exerciseID: String, engine: Engine, learnerFiles: [URL], checkFile: URL, budget: ExerciseBudget,
                scenarioNames: [String]? = nil, kind: ExerciseKind = .code) {
        self.exerciseID = exerciseID
        self.engine = engine
        self.learnerFiles = learnerFiles
        self.checkFile = checkFile
        self.budget = budget
        self.scenarioNames = scenarioNames
        self.kind = kind
    }
}

extension Exercise {
    /// The learner's current files against the exercise's check.
    public var checkInputs: CheckInputs {
        CheckInputs(exerciseID: id, engine: engine, learnerFiles: learnerURLs, checkFile: checkURL, budget: budget,
                    scenarioNames: scenarioNames, kind: kind)
    }

    /// The pristine starters (which must fail) or the reference solutions (which must pass).
    public func checkInputs(using files: [URL]) -> CheckInputs {
        var inputs = checkInputs
        inputs.learnerFiles = files
        return inputs
    }
}

/// How many scenarios a complete run must report, and their names when known.
public struct ExpectedScenarios: Sendable, Equatable {
    public var count: Int
    public var names: [String]?

    public init(count: Int, names: [String]? = nil) {
        self.count = count
        self.names = names
    }

    /// From the manifest's `scenarios:` list if given, else the check file's `scenario(` calls.
    /// Calls inside `#if` are not expected, since the build may leave them out; `count` is a
    /// minimum, so a run that has them too is still complete.
    public static func of(checkSource: String, listed: [String]?) -> ExpectedScenarios {
        if let listed { return ExpectedScenarios(count: listed.count, names: listed) }
        let found = ScenarioScanner.declarations(in: checkSource).filter { !$0.conditional }
        let names = found.compactMap(\.name)
        return ExpectedScenarios(count: found.count, names: names.count == found.count ? names : nil)
    }
}

/// One exploration of the compiled check, for one seed.
public struct PlannedRun: Sendable, Equatable {
    /// Explore mode with the exercise's budget; the runner adds the report path and nonce.
    public var request: RunRequest
    public var timeout: Double
}

/// Everything `check` will do for one exercise, decided before anything runs.
public struct CheckPlan: Sendable, Equatable {
    public var inputs: CheckInputs
    public var expected: ExpectedScenarios
    /// One exploration per seed, in seed order.
    public var runs: [PlannedRun]
    /// Plain real-thread runs made after every exploration passed; 0 without `--stress`.
    public var stressIterations: Int
    /// The time limit of one run: an exploration's own time (``ChildProcess/Limit/ownTime(backstop:)``),
    /// a plain run's wall-clock time.
    public var timeout: Double

    /// The allowance beyond the exploration budget before the runner stops the child.
    public static func timeout(forBudget seconds: Double) -> Double {
        seconds + max(5, seconds / 2)
    }

    /// - Parameters:
    ///   - checkSource: the text of `inputs.checkFile`, to count its scenarios.
    ///   - stressIterations: real-thread runs to add; nil for none.
    public static func make(inputs: CheckInputs, checkSource: String, stressIterations: Int? = nil) -> CheckPlan {
        let budget = inputs.budget
        let timeout = timeout(forBudget: budget.seconds)
        let defaults = RunRequest()
        let runs = budget.seeds.map { seed in
            PlannedRun(
                request: RunRequest(
                    mode: .explore, strategy: budget.strategy, schedules: budget.schedules, seed: seed,
                    depth: budget.depth ?? defaults.depth, preemptionBound: budget.preemptionBound ?? defaults.preemptionBound,
                    timeBudget: budget.seconds,
                    streams: SharedStateScan.streams(for: inputs.learnerFiles + [inputs.checkFile])
                ),
                timeout: timeout
            )
        }
        return CheckPlan(
            inputs: inputs, expected: .of(checkSource: checkSource, listed: inputs.scenarioNames),
            runs: runs, stressIterations: max(0, stressIterations ?? 0), timeout: timeout
        )
    }
}
