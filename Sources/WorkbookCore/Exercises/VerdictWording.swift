import Foundation
import ParLearnKit

/// Turns a failed run into the learner-facing verdict text.
enum VerdictWording {
    static func failure(_ base: CheckVerdict, assessment: RunAssessment, planned: PlannedRun, replayTarget: String) -> CheckVerdict {
        let seed = planned.request.seed
        let budgetSeconds = planned.request.timeBudget ?? planned.timeout
        switch assessment {
        case .clean:
            preconditionFailure("a clean run is not a failure")
        case .bug(let report):
            var verdict = base.with(report.kind == .crash ? .crashed : .failed, headline(for: report))
            verdict.bug = report
            verdict.engine = report.engine
            verdict.strategy = report.strategy
            verdict.schedulesRun += report.schedulesRun
            verdict.failuresSeen += report.failuresSeen
            verdict.details = ["found after \(counted(report.schedulesRun, "schedule")) with seed \(seed) (strategy \(report.strategy))"] + report.details
            verdict.replayCommand = report.schedule.map { ReplayCommand.make(target: replayTarget, schedule: $0, scenario: report.scenario) }
            return verdict
        case .incomplete(let reason):
            var verdict = base.with(.incomplete, reason)
            verdict.details = ["seed \(seed): a check passes only when every scenario runs to its end and the checker reports it"]
            return verdict
        case .crashed(let record, let signal):
            var verdict = base.with(.crashed, crashHeadline(record: record, signal: signal))
            verdict.crash = record
            verdict.details = ["seed \(seed)"]
            if let record, !record.schedule.isEmpty {
                verdict.replayCommand = ReplayCommand.make(target: replayTarget, schedule: record.schedule, scenario: record.scenario.isEmpty ? nil : record.scenario)
            }
            return verdict
        case .timedOut:
            var verdict = base.with(.timedOut, "stopped after \(SignalName.seconds(planned.timeout)) s: your code may be deadlocked or looping where the checker cannot see it (a busy loop, sleep, or a lock that is not ParLearnKit's)")
            verdict.details = ["seed \(seed); the exploration budget was \(SignalName.seconds(budgetSeconds)) s"]
            return verdict
        case .interrupted:
            return base.with(.interrupted, "stopped by Ctrl-C before the check finished")
        case .notStarted(let reason):
            return base.with(.error, "the check could not run: \(reason)")
        case .stalled(let reason):
            return base.with(.error, "no verdict: the program \(reason); run the check again")
        }
    }

    /// "invariant failed in scenario "lost update": counter is 1, expected 2"
    static func headline(for report: ScenarioReport) -> String {
        let what = report.kind.map(ReportRenderer.describe) ?? "bug"
        return "\(what) in scenario \"\(report.scenario)\": \(report.message)"
    }

    /// "crashed in thread T1 of scenario "x": Index out of range at counter.swift:8 (SIGILL, a Swift
    /// runtime trap)"; without a backtrace to read, the signal and what it means.
    static func crashHeadline(record: CrashRecord?, signal: Int32?) -> String {
        var place = ""
        if let thread = record?.thread, !thread.isEmpty { place += " in thread \(thread)" }
        if let scenario = record?.scenario, !scenario.isEmpty { place += " of scenario \"\(scenario)\"" }
        let number = record?.signal ?? signal
        if let cause = record?.cause {
            return "crashed\(place): \(cause.summary)" + (number.map { " (\(SignalName.short($0)))" } ?? "")
        }
        return "crashed with " + (number.map(SignalName.describe) ?? "a signal") + place
    }

    static func stressFailure(_ passed: CheckVerdict, run: Int, of total: Int, assessment: RunAssessment, output: String, timeout: Double) -> CheckVerdict {
        let what: String
        switch assessment {
        case .timedOut: what = "did not finish within \(SignalName.seconds(timeout)) s"
        case .crashed(let record, let signal): what = crashHeadline(record: record, signal: signal)
        case .interrupted: return passed.with(.interrupted, "stopped by Ctrl-C during real-thread run \(run) of \(total)")
        case .notStarted(let reason): return passed.with(.error, "real-thread run \(run) could not start: \(reason)")
        case .stalled(let reason): return passed.with(.error, "no verdict: real-thread run \(run) \(reason)")
        case .incomplete(let reason): what = "failed: \(lastLine(of: output) ?? reason)"
        case .clean, .bug: what = "failed: \(lastLine(of: output) ?? "no message")"
        }
        var verdict = passed.with(
            .failedUnderStress,
            "the checker passed \(passed.schedulesRun) explored schedules, but real-thread run \(run) of \(total) \(what). The bug is real; the explored schedules missed it. \(CheckVerdict.passSuffix)"
        )
        verdict.details.append("stress: \(run - 1) of \(total) real runs passed before this one")
        return verdict
    }

    static func lastLine(of output: String) -> String? {
        output.split(separator: "\n").last { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map { String($0.prefix(300)) }
    }
}

/// Compiler errors, ordered so the learner's own file comes first.
enum CompileFailure {
    static func verdict(_ base: CheckVerdict, inputs: CheckInputs, diagnostics: [Diagnostic], output: String) -> CheckVerdict {
        let learnerNames = Set(inputs.learnerFiles.map(\.lastPathComponent))
        let inLearner = { (d: Diagnostic) in
            inputs.learnerFiles.contains { $0.path == d.file } || learnerNames.contains(URL(fileURLWithPath: d.file).lastPathComponent)
        }
        let errors = diagnostics.filter { $0.severity == .error }
        let learnerErrors = errors.filter(inLearner)
        let checkName = inputs.checkFile.lastPathComponent
        var verdict: CheckVerdict
        if let first = learnerErrors.first {
            let name = URL(fileURLWithPath: first.file).lastPathComponent
            verdict = base.with(.doesNotCompile, "\(name) does not compile: \(name):\(first.line): \(first.message)")
        } else if inputs.learnerFiles.isEmpty {
            verdict = base.with(.doesNotCompile, "\(checkName) does not compile" + (errors.first.map { ": \(checkName):\($0.line): \($0.message)" } ?? ""))
        } else if let first = errors.first {
            verdict = base.with(.doesNotCompile, "the check (\(checkName)) does not compile with your code: \(checkName):\(first.line): \(first.message). If you renamed or changed something the task names, change it back; otherwise the check itself is broken")
        } else {
            let reason = VerdictWording.lastLine(of: output).map { ": \($0)" } ?? ""
            verdict = base.with(.doesNotCompile, "the code does not compile\(reason)")
        }
        verdict.diagnostics = diagnostics.filter(inLearner) + diagnostics.filter { !inLearner($0) }
        verdict.output = OutputTail.of(output)
        return verdict
    }
}
