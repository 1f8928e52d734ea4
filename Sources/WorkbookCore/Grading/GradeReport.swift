import Foundation
import ParLearnKit

/// The result of grading a submission: one entry per exercise, in folder order, plus warnings.
/// Every formatter renders this one model, so all formats agree.
public struct GradeReport: Sendable, Equatable {
    public enum Status: String, Sendable, Codable {
        case pass, fail
        /// Not graded properly: the code or the check did not compile, or the exercise is broken.
        case error
    }

    public var exercises: [GradedExercise]
    /// Tamper and content warnings, e.g. a check file that differs from `checks.lock`.
    public var warnings: [String]
    /// The `--seed` base, when given.
    public var seed: UInt64?

    public init(exercises: [GradedExercise], warnings: [String] = [], seed: UInt64? = nil) {
        self.exercises = exercises
        self.warnings = warnings
        self.seed = seed
    }

    public var score: Int { exercises.reduce(0) { $0 + $1.score } }
    public var maxScore: Int { exercises.reduce(0) { $0 + $1.maxScore } }
    /// 0 when there is nothing to score.
    public var percent: Double { maxScore == 0 ? 0 : Double(score) * 100 / Double(maxScore) }

    /// pass when every exercise passed, otherwise fail (error when nothing could be graded).
    public var status: Status {
        if exercises.isEmpty || exercises.allSatisfy({ $0.status == .error }) { return .error }
        return exercises.allSatisfy { $0.status == .pass } ? .pass : .fail
    }

    /// `--fail-under PERCENT`: true when the score reaches the threshold.
    public func meets(failUnder threshold: Double) -> Bool {
        percent + 1e-9 >= threshold
    }

    /// Seconds spent, summed; reported only when durations are wanted.
    public var duration: Double { exercises.reduce(0) { $0 + $1.duration } }
}

/// One graded exercise, with the concurrency facts behind its verdict.
public struct GradedExercise: Sendable, Equatable {
    public var id: String
    public var title: String
    public var chapter: String
    public var status: GradeReport.Status
    public var score: Int
    public var maxScore: Int
    /// The verdict headline.
    public var message: String
    public var details: [String]
    /// The verdict kind, e.g. `timed-out`; `not-loaded` when the exercise could not be loaded.
    public var verdict: String
    public var engine: Engine?
    public var strategy: String?
    public var seed: UInt64?
    public var schedulesRun: Int
    public var failuresSeen: Int
    /// The failing (minimised) schedule, replayable.
    public var schedule: String?
    public var scenario: String?
    public var bugKind: BugKind?
    public var replayCommand: String?
    /// The program's own output (tail), for the student.
    public var output: String
    public var duration: Double

    /// From a check verdict. Compile failures and broken checks are `error`, every other non-pass `fail`.
    public init(exercise: Exercise, verdict: CheckVerdict) {
        id = exercise.id
        title = exercise.title
        chapter = exercise.chapter
        switch verdict.kind {
        case .passed: status = .pass
        case .doesNotCompile, .error, .interrupted: status = .error
        case .failed, .incomplete, .crashed, .timedOut, .failedUnderStress: status = .fail
        }
        maxScore = exercise.points
        score = status == .pass ? exercise.points : 0
        message = verdict.headline
        details = verdict.details + verdict.diagnostics.map(\.located)
        self.verdict = verdict.kind.rawValue
        engine = verdict.engine
        strategy = verdict.strategy
        seed = verdict.seed
        schedulesRun = verdict.schedulesRun
        failuresSeen = verdict.failuresSeen
        schedule = verdict.failingSchedule
        scenario = verdict.bug?.scenario ?? verdict.crash.flatMap { $0.scenario.isEmpty ? nil : $0.scenario }
        bugKind = verdict.bug?.kind
        replayCommand = verdict.replayCommand
        output = verdict.output
        duration = verdict.duration
    }

    /// An exercise that could not be graded at all, such as one whose manifest does not load.
    public init(unloadable id: String, chapter: String, maxScore: Int, message: String, details: [String] = []) {
        self.id = id
        title = id
        self.chapter = chapter
        status = .error
        score = 0
        self.maxScore = maxScore
        self.message = message
        self.details = details
        verdict = "not-loaded"
        schedulesRun = 0
        failuresSeen = 0
        output = ""
        duration = 0
    }
}
