import Foundation
import ParLearnKit
import WorkbookCore

/// `explore` and `replay`.
extension CommandContext {
    struct ExploreOptions {
        var strategy: RunRequest.Strategy?
        var schedules: Int?
        var seed: UInt64?
        var depth: Int?
        var preemptionBound: Int?
        /// CPU seconds after which exploration stops (`--time-budget`).
        var timeBudget: Double?
        var json = false
    }

    @discardableResult
    func explore(_ text: String?, options: ExploreOptions) -> Int32 {
        guard let target = resolve(text, verb: "explore"), let runner = programRunner() else { return 2 }
        if case .file = target, StressProgram.scan(target.source) != nil { return stressInstead(target) }
        if target.spec?.engine == .stress { return stressInstead(target) }
        let spec = target.spec
        var request = RunRequest.explore(for: spec, strategy: options.strategy, schedules: options.schedules,
                                         seed: options.seed, depth: options.depth,
                                         preemptionBound: options.preemptionBound)
            .streams(for: target)
        request.timeBudget = options.timeBudget
        if !options.json {
            warnAboutGuardRails(in: target)
            console.note("exploring \(target.commandName): \(request.strategy.rawValue), "
                         + "up to \(counted(request.schedules, "schedule")), seed \(request.seed)…")
        }
        let seconds = max(spec?.seconds ?? ProgramSpec.defaultSeconds, options.timeBudget ?? 0)
        return runChecker(target, request: request, seconds: seconds, json: options.json, runner: runner)
    }

    /// A plain-Swift stress program has no scenarios for the controlled scheduler.
    private func stressInstead(_ target: ProgramTarget) -> Int32 {
        console.error("\(target.commandName) is plain Swift for the stress engine, which the controlled scheduler cannot "
                      + "explore: try `stress \(target.commandName) --tsan`")
        return 2
    }

    @discardableResult
    func replay(_ text: String?, schedule: String?, scenario: String? = nil, json: Bool) -> Int32 {
        guard let target = resolve(text, verb: "replay", scenario: scenario), let runner = programRunner() else { return 2 }
        guard let schedule, !schedule.isEmpty else {
            console.error("usage: replay <program> <schedule>; the schedule is printed by `explore`")
            return 2
        }
        let request = RunRequest(mode: .replay, schedule: schedule, scenario: scenario)
        return runChecker(target, request: request, seconds: target.spec?.seconds ?? ProgramSpec.defaultSeconds,
                          json: json, runner: runner)
    }

    private func runChecker(_ target: ProgramTarget, request: RunRequest, seconds: Double, json: Bool,
                            runner: ProgramRunner) -> Int32 {
        var tail = OutputTail()
        _ = interruptRequested()
        // The budget is the kit's to keep; the extra time covers compiling and minimising.
        let outcome = runner.check(target, request: request, timeout: seconds + 10,
                                   interruptRequested: interruptRequested) { event in
            switch event {
            case .output(let data): tail.append(data)
            case .interruptSent: self.console.print("\n^C: stopping the exploration (press Ctrl-C again to kill it)")
            case .killSent: self.console.print("the exploration did not stop; killing it")
            }
        }
        return present(CheckerVerdict(outcome, request: request), target: target, json: json, tail: tail,
                       replayTarget: target.commandName)
    }

    /// Prints a verdict of either engine: JSON, compiler output, a problem with the program's last
    /// output, or the report.
    func present(_ verdict: CheckerVerdict, target: ProgramTarget, json: Bool, tail: OutputTail,
                 replayTarget: String? = nil) -> Int32 {
        if json {
            console.write(String(decoding: verdict.json(target: target.commandName), as: UTF8.self) + "\n")
            return verdict.exitCode
        }
        if let output = verdict.compilerOutput {
            console.error("does not compile:")
            console.print(output.trimmingCharacters(in: .whitespacesAndNewlines))
            return verdict.exitCode
        }
        let renderer = ReportRenderer(theme: console.theme, width: console.width, replayTarget: replayTarget)
        if let problem = verdict.problem {
            console.error("no verdict: \(problem)")
            var filter = OutputFilter()
            let visible = filter.filter(Data(CrashCause.withoutBacktrace(tail.text).utf8)).trimmingCharacters(in: .whitespacesAndNewlines)
            let last = OutputTail.of(visible)
            if !last.isEmpty {
                console.note("last output of the program:")
                console.print(last)
            }
        } else {
            let report = ProgramReport(nonce: nil, complete: true, scenarios: verdict.scenarios)
            console.print(lines: renderer.render(report))
        }
        return verdict.exitCode
    }
}
