import Foundation
import ParLearnKit

/// The verdict of one `explore` or `replay`, in the shared report shape whatever happened:
/// a finished exploration, a crash reconstructed from its crash record, or a run that never
/// produced a trustworthy report.
public struct CheckerVerdict: Sendable {
    /// The scenario that decides the verdict: the first bug, else the last clean scenario.
    public var decisive: ScenarioReport?
    /// Every scenario the program reported.
    public var scenarios: [ScenarioReport]
    /// A problem that prevented any verdict (compile error, early exit, timeout, Ctrl-C).
    public var problem: String?
    /// Compiler output when the program did not compile.
    public var compilerOutput: String?

    /// A schedule string that does not fit the program: the learner's input, not the program, is wrong.
    public var usageError = false

    /// 0 clean, 1 bug found, checker limit reached (or the program broke the run), 2 usage or
    /// compile error.
    public var exitCode: Int32 {
        if compilerOutput != nil || usageError { return 2 }
        if problem != nil { return 1 }
        return decisive?.verdict == .clean ? 0 : 1
    }

    public init(_ outcome: CheckerOutcome, request: RunRequest) {
        scenarios = []
        switch outcome {
        case .compileFailed(_, let output):
            compilerOutput = output
            problem = "does not compile"
        case .finished(let report, _):
            scenarios = report.scenarios
            decisive = report.firstBug ?? report.scenarios.first { $0.verdict == .limit } ?? report.scenarios.last
            if report.scenarios.isEmpty { problem = "the program declares no scenario, so there was nothing to explore" }
            if let mismatch = report.scenarios.lazy.compactMap(\.scheduleMismatch).first {
                problem = "the schedule cannot be replayed on this program: \(mismatch)"
                usageError = true
            }
        case .crashed(let record, let status):
            guard let record else {
                problem = "the program \(status.summary) and left no crash record"
                return
            }
            let report = ScenarioReport(
                scenario: record.scenario, engine: record.schedule.hasPrefix("A") ? .async : .threads, verdict: .bug,
                kind: .crash,
                message: "thread '\(record.thread)' \(RunStatus.signaled(record.signal).summary(crash: record.cause))",
                schedule: record.schedule, seed: request.seed, strategy: request.strategy.rawValue,
                // A replay ran one schedule; an exploration's count died with the process.
                schedulesRun: request.mode == .replay ? 1 : 0, failuresSeen: 1,
                threads: record.trace.isEmpty ? [record.thread] : record.threads, trace: record.trace,
                details: [record.trace.isEmpty
                    ? "The whole program stops when one thread traps, so no steps could be recorded."
                    : "The whole program stops when one thread traps, so the trace ends with the crash."])
            scenarios = [report]
            decisive = report
        case .incomplete(_, let reason):
            problem = reason
        case .exitedInScenario(let record, _):
            problem = record.explanation
        case .untrustedReport:
            problem = CheckerOutcome.untrustedReason
        }
    }

    /// The JSON of `--json`: the decisive scenario's fields at the top level (verdict, kind,
    /// message, schedule, seed, strategy, schedulesRun, trace, ...) plus every scenario.
    public func json(target: String) -> Data {
        var object: [String: Any] = [:]
        if let decisive, let data = try? Self.encoder.encode(decisive),
           let fields = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
            object = fields
        } else {
            object["verdict"] = "error"
            object["message"] = problem ?? "no verdict"
        }
        if let problem, decisive != nil {
            // A replay that did not fit the program has a report, but no verdict.
            object["verdict"] = "error"
            object["message"] = problem
        }
        if let compilerOutput { object["compilerOutput"] = compilerOutput }
        object["program"] = target
        object["scenarios"] = scenarios.compactMap { report in
            (try? Self.encoder.encode(report)).flatMap { try? JSONSerialization.jsonObject(with: $0) }
        }
        return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])) ?? Data()
    }

    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}

extension RunRequest {
    /// The request `explore` sends for `program`, with the chapter's budget unless overridden.
    public static func explore(for program: ProgramSpec?, strategy: Strategy?, schedules: Int?, seed: UInt64?,
                               depth: Int?, preemptionBound: Int?) -> RunRequest {
        var request = RunRequest(mode: .explore)
        request.strategy = strategy ?? program?.strategy ?? .portfolio
        request.schedules = schedules ?? program?.schedules ?? ProgramSpec.defaultSchedules
        request.seed = seed ?? 0
        if let depth { request.depth = depth }
        if let preemptionBound { request.preemptionBound = preemptionBound }
        return request
    }

    /// This request with as many streams as `target` may safely use.
    public func streams(for target: ProgramTarget) -> RunRequest {
        var request = self
        let units = target.compileUnits
        request.streams = SharedStateScan.streams(for: units.files + (units.mainFile.map { [$0] } ?? []))
        return request
    }
}

extension CheckerVerdict {
    /// A verdict another engine (stress) decided: one scenario, or a problem that prevented one.
    public init(decisive: ScenarioReport?, problem: String? = nil, compilerOutput: String? = nil, usageError: Bool = false) {
        self.decisive = decisive
        scenarios = decisive.map { [$0] } ?? []
        self.problem = problem
        self.compilerOutput = compilerOutput
        self.usageError = usageError
    }
}
