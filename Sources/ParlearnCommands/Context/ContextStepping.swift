import Foundation
import ParLearnKit
import WorkbookCore

/// `step` (the learner is the scheduler) and `outcomes` (the histogram of final values).
extension CommandContext {
    /// Compiles `target` once and lets the learner choose every scheduling decision; the
    /// choices come from `lines` (the REPL's reader, or piped stdin), one per line.
    @discardableResult
    func step(_ text: String?, scenario: String?) -> Int32 {
        guard let target = resolve(text, verb: "step", scenario: scenario), let runner = programRunner() else { return 2 }
        let units = target.compileUnits
        let compiled = runner.compiler.compile(files: units.files, mainFile: units.mainFile)
        guard let binary = binary(of: compiled) else { return 2 }
        var stepper = StepRunner(runner: runner, binary: binary, scenario: scenario)
        stepper.interruptRequested = interruptRequested
        var wording = StepWording(
            theme: console.theme, width: console.width, target: target.commandName,
            scenario: scenario, sources: StepWording.sources(of: target))
        if case .exercise(let exercise) = target, exercise.kind == .schedule {
            wording.answerFile = exercise.learnerFiles.first
        }
        let session = StepSession(goal: StepGoal.of(target), wording: wording, step: stepper.state(after:))
        console.print(lines: session.start())
        if case .problem = session.state { return 2 }
        while !session.finished {
            guard let line = lines.nextLine(prompt: "step> ") else {
                console.print(lines: session.handle("quit"))
                break
            }
            // Piped choices are not shown by the terminal: echo them so the transcript reads in order.
            if !console.isInteractive { console.print("step> \(line)") }
            console.print(lines: session.handle(line))
        }
        return 0
    }

    /// Runs every schedule (or a sample) and prints the histogram of the scenario's outcomes.
    @discardableResult
    func outcomes(_ text: String?, coverage: OutcomeRun.Coverage, scenario: String?, json: Bool) -> Int32 {
        guard let target = resolve(text, verb: "outcomes", scenario: scenario), let runner = programRunner() else { return 2 }
        let seconds = max(target.spec?.seconds ?? ProgramSpec.defaultSeconds, 30)
        if !json {
            switch coverage {
            case .exhaustive: console.note("running every schedule of \(target.commandName)…")
            case .sampled(let n, let seed):
                console.note("running \(n) random schedules of \(target.commandName) (seed \(seed))…")
            }
        }
        _ = interruptRequested()
        let request = OutcomeRun.request(coverage, scenario: scenario, seconds: seconds)
        let outcome = runner.check(
            target, request: request, timeout: seconds + 10,
            interruptRequested: interruptRequested
        ) { _ in }
        let run = OutcomeRun(outcome, coverage: coverage)
        if json {
            console.write(String(decoding: run.json(target: target.commandName), as: UTF8.self) + "\n")
        } else {
            console.print(lines: run.render(theme: console.theme, width: console.width, target: target.commandName))
        }
        return run.exitCode
    }

    /// The binary, or nil after printing why it does not compile.
    private func binary(of result: CompileResult) -> URL? {
        switch result {
        case .compiled(let binary, _):
            return binary
        case .failed(_, let output):
            console.error("does not compile:")
            console.print(output.trimmingCharacters(in: .whitespacesAndNewlines))
            return nil
        }
    }
}
