import Foundation
import ParLearnKit

/// What one run proved, judged from the runner's outcome and the scenarios the check declares.
public enum RunAssessment: Sendable, Equatable {
    /// Every expected scenario reported, none with a bug.
    case clean([ScenarioReport])
    /// A scenario found a bug (the first one, in declaration order).
    case bug(ScenarioReport)
    /// The run cannot be trusted to have run every scenario to the end; the reason is for the learner.
    case incomplete(String)
    /// Killed by a signal; the kit's record says where, when it could write one.
    case crashed(record: CrashRecord?, signal: Int32?)
    case timedOut
    /// Stopped by the learner's Ctrl-C: no verdict.
    case interrupted
    /// The program could not be started at all.
    case notStarted(String)
    /// The machine gave the run too little time to finish (``RunStatus/stalled(_:)``): no verdict.
    case stalled(String)

    /// The early-exit message the issue promises, for every "no complete report" case.
    public static let earlyExitMessage = "your code exited before the checks finished (exit(0)?)"

    public static func assess(_ outcome: CheckerOutcome, expected: ExpectedScenarios) -> RunAssessment {
        switch outcome {
        case .finished(let report, _):
            if let bug = report.firstBug { return .bug(bug) }
            if let limit = report.scenarios.first(where: { $0.verdict == .limit }) {
                return .incomplete("scenario \"\(limit.scenario)\" was not checked: \(limit.message)")
            }
            if let missing = missingScenarios(in: report, expected: expected) { return .incomplete(missing) }
            return .clean(report.scenarios)
        case .crashed(let record, let status):
            if case .signaled(let signal) = status { return .crashed(record: record, signal: signal) }
            return .crashed(record: record, signal: record?.signal)
        case .exitedInScenario(let record, _):
            return .incomplete(record.explanation)
        case .untrustedReport:
            return .incomplete(CheckerOutcome.untrustedReason)
        case .incomplete(let status, let reason):
            return assess(status) ?? .incomplete(reason)
        case .compileFailed(_, let output):
            return .notStarted("the program did not compile: \(output)")
        }
    }

    /// A plain-mode (real threads) run writes no report, so only how it ended counts: a failed
    /// `check` prints its message and exits 1.
    public static func assessPlain(_ status: RunStatus) -> RunAssessment {
        if status == .exited(0) { return .clean([]) }
        if case .signaled(let signal) = status { return .crashed(record: nil, signal: signal) }
        return assess(status) ?? .incomplete("the program \(status.summary)")
    }

    /// The endings that mean the same whatever the mode; nil for a normal exit without a report.
    private static func assess(_ status: RunStatus) -> RunAssessment? {
        switch status {
        case .timedOut: return .timedOut
        case .interrupted: return .interrupted
        case .failedToStart(let reason): return .notStarted(reason)
        case .stalled: return .stalled(status.summary)
        case .outputLimit, .memoryLimit: return .incomplete("the program \(status.summary)")
        case .exited(0): return .incomplete(earlyExitMessage)
        case .exited(let code): return .incomplete("the program stopped with exit status \(code) before the checks finished (an exit(\(code)) or a fatal error in your code?)")
        case .signaled: return nil
        }
    }

    /// Nil when the report holds every expected scenario.
    static func missingScenarios(in report: ProgramReport, expected: ExpectedScenarios) -> String? {
        let ran = report.scenarios.map(\.scenario)
        if let names = expected.names {
            let absent = names.filter { !ran.contains($0) }
            if !absent.isEmpty {
                let list = absent.map { "\"\($0)\"" }.joined(separator: ", ")
                return "scenario \(list) never finished: \(earlyExitMessage)"
            }
        }
        guard ran.count >= expected.count else {
            return "only \(ran.count) of \(expected.count) scenarios finished: \(earlyExitMessage)"
        }
        return nil
    }
}
