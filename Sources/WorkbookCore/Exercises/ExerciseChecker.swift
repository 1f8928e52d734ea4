import Foundation
import ParLearnKit

/// Runs a ``CheckPlan`` through a ``ProgramExecuting`` runner and turns what happened into a
/// ``CheckVerdict``. One exercise at a time; every failure mode ends in a verdict, never a throw.
public struct ExerciseChecker: Sendable {
    public let executor: any ProgramExecuting

    public init(executor: any ProgramExecuting) {
        self.executor = executor
    }

    /// Plans and runs a check. `replayTarget` is what `parlearn replay` takes (the exercise id,
    /// or `chapter/program`).
    public func check(_ inputs: CheckInputs, stressIterations: Int? = nil, replayTarget: String? = nil) -> CheckVerdict {
        let base = CheckVerdict(
            kind: .error, exerciseID: inputs.exerciseID, headline: "", engine: inputs.engine,
            strategy: inputs.budget.strategy.rawValue, seed: inputs.budget.seeds.first
        )
        if !inputs.kind.compilesLearnerFiles {
            return checkAnswer(inputs, base: base, replayTarget: replayTarget ?? inputs.exerciseID)
        }
        if let problem = SourcePreflight.problem(with: inputs.learnerFiles) {
            return base.with(.doesNotCompile, problem)
        }
        if inputs.engine == .stress { return StressChecker(executor: executor).check(inputs, base: base) }
        guard let checkSource = SourcePreflight.text(of: inputs.checkFile) else {
            return base.with(.error, "the check file \(inputs.checkFile.lastPathComponent) is missing or unreadable: the exercise is broken, not your code")
        }
        let plan = CheckPlan.make(inputs: inputs, checkSource: checkSource, stressIterations: stressIterations)
        guard plan.expected.count > 0 else {
            return base.with(.error, "the check file \(inputs.checkFile.lastPathComponent) declares no scenario(...): the exercise is broken, not your code")
        }
        return run(plan, base: base, replayTarget: replayTarget ?? inputs.exerciseID)
    }

    func run(_ plan: CheckPlan, base: CheckVerdict, replayTarget: String) -> CheckVerdict {
        let binary: URL
        switch executor.compile(files: plan.inputs.learnerFiles, mainFile: plan.inputs.checkFile) {
        case .failed(let diagnostics, let output):
            return CompileFailure.verdict(base, inputs: plan.inputs, diagnostics: diagnostics, output: output)
        case .compiled(let url, _):
            binary = url
        }
        var verdict = base
        for planned in plan.runs {
            let run = executor.explore(binary: binary, request: planned.request, timeout: planned.timeout)
            verdict.seed = planned.request.seed
            verdict.duration += run.duration
            verdict.output = OutputTail.of(CrashCause.withoutBacktrace(run.output))
            let assessment = RunAssessment.assess(run.outcome, expected: plan.expected)
            guard case .clean(let scenarios) = assessment else {
                return VerdictWording.failure(verdict, assessment: assessment, planned: planned, replayTarget: replayTarget)
            }
            if let engine = scenarios.first?.engine { verdict.engine = engine }
            verdict.schedulesRun += scenarios.reduce(0) { $0 + $1.schedulesRun }
            verdict.failuresSeen += scenarios.reduce(0) { $0 + $1.failuresSeen }
            // A pass keeps the budget's strategy: which portfolio member ran last is timing, not a fact.
        }
        let seeds = plan.runs.map { String($0.request.seed) }.joined(separator: ", ")
        verdict.seed = plan.runs.first?.request.seed
        verdict = verdict.with(.passed, "\(counted(verdict.schedulesRun, "schedule")) explored, no failure. \(CheckVerdict.passSuffix)")
        verdict.details = ["\(plan.runs.count == 1 ? "seed" : "seeds") \(seeds), strategy \(plan.inputs.budget.strategy.rawValue), up to \(counted(plan.inputs.budget.schedules, "schedule")) per scenario"]
        return stress(plan, binary: binary, after: verdict)
    }

    /// Real-thread runs after the engine passed. A failure here is a real bug the explored schedules missed.
    func stress(_ plan: CheckPlan, binary: URL, after passed: CheckVerdict) -> CheckVerdict {
        guard plan.stressIterations > 0 else { return passed }
        var verdict = passed
        for i in 1...plan.stressIterations {
            let run = executor.runPlain(binary: binary, timeout: plan.timeout)
            verdict.duration += run.duration
            let assessment = RunAssessment.assessPlain(run.outcome)
            guard case .clean = assessment else {
                verdict.output = OutputTail.of(CrashCause.withoutBacktrace(run.output))
                return VerdictWording.stressFailure(verdict, run: i, of: plan.stressIterations, assessment: assessment, output: run.output, timeout: plan.timeout)
            }
        }
        verdict.details.append("\(plan.stressIterations) real-thread runs passed too")
        return verdict
    }
}

extension CheckVerdict {
    func with(_ kind: Kind, _ headline: String) -> CheckVerdict {
        var copy = self
        copy.kind = kind
        copy.headline = headline
        return copy
    }
}

/// Catches the learner-file problems that would otherwise surface as confusing compiler errors.
enum SourcePreflight {
    static func problem(with files: [URL]) -> String? {
        for file in files {
            let name = file.lastPathComponent
            guard let data = FileManager.default.contents(atPath: file.path) else {
                return "\(name) is missing (deleted or renamed?): restore it, or `reset` the exercise to get the starter back"
            }
            if data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x09 || $0 == 0x0D }) {
                return "\(name) is empty: write your solution there, or `reset` the exercise to get the starter back"
            }
            if String(data: data, encoding: .utf8) == nil {
                return "\(name) is not UTF-8 text: save it as UTF-8"
            }
        }
        return nil
    }

    static func text(of file: URL) -> String? {
        FileManager.default.contents(atPath: file.path).flatMap { String(data: $0, encoding: .utf8) }
    }
}
