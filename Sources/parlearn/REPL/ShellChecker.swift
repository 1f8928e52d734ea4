import Foundation
import ParLearnKit
import WorkbookCore

/// `explore`, `replay` and `doctor`.
extension Shell {
    struct ExploreOptions {
        var strategy: RunRequest.Strategy?
        var schedules: Int?
        var seed: UInt64?
        var depth: Int?
        var preemptionBound: Int?
        var json = false

        /// Reads REPL-style options; a bad value is a message for the learner.
        init(_ options: [String: String]) throws(UsageError) {
            for (key, value) in options {
                switch key {
                case "strategy":
                    guard let s = RunRequest.Strategy(rawValue: value) else {
                        throw UsageError("--strategy must be one of random, pct, dfs, portfolio")
                    }
                    strategy = s
                case "schedules": schedules = try Self.positive(value, key)
                case "seed":
                    guard let s = UInt64(value) else { throw UsageError("--seed takes a whole number ≥ 0") }
                    seed = s
                case "depth": depth = try Self.positive(value, key)
                case "preemption-bound":
                    guard let p = Int(value), p >= 0 else { throw UsageError("--preemption-bound takes a whole number ≥ 0") }
                    preemptionBound = p
                case "json": json = true
                default: throw UsageError("unknown option --\(key)")
                }
            }
        }

        init() {}

        private static func positive(_ value: String, _ key: String) throws(UsageError) -> Int {
            guard let n = Int(value), n > 0 else { throw UsageError("--\(key) takes a whole number > 0") }
            return n
        }
    }

    struct UsageError: Error {
        var message: String
        init(_ message: String) { self.message = message }
    }

    @discardableResult
    func explore(_ text: String?, options: ExploreOptions) -> Int32 {
        guard let target = resolve(text, verb: "explore"), let runner = programRunner() else { return 2 }
        let spec = target.spec
        let request = RunRequest.explore(for: spec, strategy: options.strategy, schedules: options.schedules,
                                         seed: options.seed, depth: options.depth, preemptionBound: options.preemptionBound)
            .streams(for: target)
        if !options.json {
            warnAboutGuardRails(in: target)
            console.note("exploring \(target.commandName): \(request.strategy.rawValue), up to \(request.schedules) schedules, seed \(request.seed)…")
        }
        return runChecker(target, request: request, seconds: spec?.seconds ?? ProgramSpec.defaultSeconds, json: options.json, runner: runner)
    }

    @discardableResult
    func replay(_ text: String?, schedule: String?, scenario: String? = nil, json: Bool) -> Int32 {
        guard let target = resolve(text, verb: "replay"), let runner = programRunner() else { return 2 }
        guard let schedule, !schedule.isEmpty else {
            console.error("usage: replay <program> <schedule>; the schedule is printed by `explore`")
            return 2
        }
        let request = RunRequest(mode: .replay, schedule: schedule, scenario: scenario)
        return runChecker(target, request: request, seconds: target.spec?.seconds ?? ProgramSpec.defaultSeconds, json: json, runner: runner)
    }

    private func runChecker(_ target: ProgramTarget, request: RunRequest, seconds: Double, json: Bool, runner: ProgramRunner) -> Int32 {
        var tail = OutputTail()
        _ = interruptRequested()
        // The budget is the kit's to keep; the extra time covers compiling and minimising.
        let outcome = runner.check(target, request: request, timeout: seconds + 10, interruptRequested: interruptRequested) { event in
            switch event {
            case .output(let data): tail.append(data)
            case .interruptSent: self.console.print("\n^C: stopping the exploration (press Ctrl-C again to kill it)")
            case .killSent: self.console.print("the exploration did not stop; killing it")
            }
        }
        let verdict = CheckerVerdict(outcome, request: request)
        if json {
            console.write(String(decoding: verdict.json(target: target.commandName), as: UTF8.self) + "\n")
            return verdict.exitCode
        }
        if let output = verdict.compilerOutput {
            console.error("does not compile:")
            console.print(output.trimmingCharacters(in: .whitespacesAndNewlines))
            return verdict.exitCode
        }
        let renderer = ReportRenderer(theme: console.theme, width: console.width, replayTarget: target.commandName)
        if let problem = verdict.problem {
            console.error("no verdict: \(problem)")
            var filter = OutputFilter()
            let last = OutputTail.of(filter.filter(Data(tail.text.utf8)).trimmingCharacters(in: .whitespacesAndNewlines))
            if !last.isEmpty {
                console.note("last output of the program:")
                console.print(last)
            }
        } else {
            console.print(lines: renderer.render(ProgramReport(nonce: nil, complete: true, scenarios: verdict.scenarios)))
        }
        return verdict.exitCode
    }
}
