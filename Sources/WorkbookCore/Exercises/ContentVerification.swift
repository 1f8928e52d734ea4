import Foundation
import ParLearnKit

/// `parlearn verify`: proves the content is sound, rustlings' content CI extended to concurrency.
/// Every starter must fail its check, every solution must pass, every racy chapter program must be
/// caught and every fixed one must be clean, for several seeds each and within budget.
public enum VerificationExpectation: Sendable, Equatable, CustomStringConvertible {
    /// The checker must find a bug (an exercise starter).
    case fails
    /// The checker must pass (an exercise solution).
    case passes
    /// The compiler must reject the code with an error containing this text (a starter whose
    /// exercise makes the compiler the checker: `starter_diagnostic` in exercise.yml).
    case doesNotCompile(containing: String)
    /// A chapter program with `expect: bug`, optionally of a given kind.
    case bug(BugKind?)
    /// A chapter program with `expect: clean`.
    case clean
    /// An answer (a prediction or a schedule) the check must turn down as wrong.
    case rejected

    public var description: String {
        switch self {
        case .fails: "fail its check"
        case .passes: "pass its check"
        case .doesNotCompile(let text): "not compile, with an error containing \"\(text)\""
        case .bug(let kind?): "be caught as \(kind.rawValue)"
        case .bug(nil): "be caught"
        case .clean: "be clean"
        case .rejected: "be rejected as a wrong answer"
        }
    }

    /// True when the checker stops at the first failing seed, so each seed needs its own run.
    var expectsFailure: Bool {
        switch self {
        case .fails, .bug: true
        case .passes, .clean, .doesNotCompile, .rejected: false
        }
    }
}

/// One check `verify` runs, with what it must show.
public struct VerificationCase: Sendable, Equatable {
    /// e.g. "threads-counter starter (seed 2)".
    public var label: String
    public var inputs: CheckInputs
    public var expectation: VerificationExpectation
}

public enum ContentVerification {
    /// Starter and solution cases for an exercise: the starters from `.starter/`, never the
    /// learner's working copy. A starter that must not compile needs one case: compiling does
    /// not depend on the seed. An answer exercise (`kind: predict` or `schedule`) also proves that
    /// every known-wrong answer in `.wrong/` is turned down, and its starter (no answer yet) is
    /// rejected rather than buggy.
    public static func cases(for exercise: Exercise) -> [VerificationCase] {
        let answers = !exercise.kind.compilesLearnerFiles
        let wrong = answers ? wrongAnswers(of: exercise).map { url in
            VerificationCase(label: "\(exercise.id) wrong answer \(url.lastPathComponent)",
                             inputs: exercise.checkInputs(using: [url]), expectation: .rejected)
        } : []
        let starter = exercise.checkInputs(using: exercise.starterURLs)
        let starterExpectation = answers ? .rejected
            : exercise.starterDiagnostic.map { VerificationExpectation.doesNotCompile(containing: $0) }
                ?? exercise.starterBug.map { .bug($0) } ?? .fails
        return cases(label: "\(exercise.id) starter", inputs: starter, expectation: starterExpectation)
            + cases(label: "\(exercise.id) solution", inputs: exercise.checkInputs(using: exercise.solutionURLs), expectation: .passes)
            + wrong
    }

    /// The files in the exercise's `.wrong/` folder, sorted.
    static func wrongAnswers(of exercise: Exercise) -> [URL] {
        let folder = exercise.directory.appendingPathComponent(ExerciseLayout.wrongFolder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().filter { !$0.hasPrefix(".") }.map { folder.appendingPathComponent($0) }
    }

    /// Cases for any inputs (a chapter program: no learner files, the program as the main file).
    /// A failure expectation gets one case per seed, so every seed must find the bug on its own.
    public static func cases(label: String, inputs: CheckInputs, expectation: VerificationExpectation) -> [VerificationCase] {
        guard expectation.expectsFailure, inputs.budget.seeds.count > 1 else {
            return [VerificationCase(label: label, inputs: inputs, expectation: expectation)]
        }
        return inputs.budget.seeds.map { seed in
            var single = inputs
            single.budget.seeds = [seed]
            return VerificationCase(label: "\(label) (seed \(seed))", inputs: single, expectation: expectation)
        }
    }

    /// Cases for one chapter program with `expect: bug|clean`; none for `expect: none`. The
    /// program is compiled alone (it is its own main file) with its chapter.yml budget.
    public static func cases(chapter: String, program: ProgramSpec, file: URL, seeds: [UInt64]) -> [VerificationCase] {
        let expectation: VerificationExpectation
        switch program.expect {
        case .bug: expectation = .bug(program.kind)
        case .clean: expectation = .clean
        case .none: return []
        }
        let target = "\(chapter)/\(program.name)"
        var budget = ExerciseBudget(schedules: program.schedules, seconds: program.seconds, seeds: seeds,
                                    strategy: program.strategy ?? .portfolio, stressIterations: program.schedules)
        if program.engine == .stress {
            // Plain Swift under ThreadSanitizer: the program is the learner's file and its own check.
            let inputs = CheckInputs(exerciseID: target, engine: .stress, learnerFiles: [file], checkFile: file, budget: budget)
            return cases(label: target, inputs: inputs, expectation: expectation)
        }
        budget.stressIterations = ExerciseBudget.defaultStressIterations
        // The engine is a placeholder: the verdict takes the engine the program's report names.
        let inputs = CheckInputs(exerciseID: target, engine: .threads, learnerFiles: [], checkFile: file, budget: budget)
        return cases(label: target, inputs: inputs, expectation: expectation)
    }

    /// Nil when `verdict` shows what `expectation` demands; otherwise why not, in one sentence.
    public static func problem(expectation: VerificationExpectation, verdict: CheckVerdict) -> String? {
        let saw = "the checker said: \(verdict.kind.rawValue): \(verdict.headline)"
        switch expectation {
        case .passes, .clean:
            return verdict.passed ? nil : "it should \(expectation), but \(saw)"
        case .rejected:
            return verdict.kind == .failed ? nil : "it should \(expectation), but \(saw)"
        case .fails where verdict.kind == .failed:
            // The stress engine also fails a check without a bug report: a lock in the hot loop, no speed-up.
            return nil
        case .fails, .bug(nil):
            return verdict.bug != nil ? nil : "it should \(expectation) (a bug the checker finds), but \(saw)"
        case .bug(let kind?):
            guard let bug = verdict.bug else { return "it should \(expectation), but \(saw)" }
            return bug.kind == kind ? nil : "it should \(expectation), but the checker found \(bug.kind?.rawValue ?? "an unnamed bug"): \(bug.message)"
        case .doesNotCompile(let text):
            guard verdict.kind == .doesNotCompile else { return "it should \(expectation), but \(saw)" }
            let errors = verdict.diagnostics.filter { $0.severity == .error }
            if errors.contains(where: { $0.message.contains(text) }) { return nil }
            let first = errors.first?.message ?? verdict.headline
            return "it should \(expectation), but it failed to compile for another reason: \(first)"
        }
    }
}
