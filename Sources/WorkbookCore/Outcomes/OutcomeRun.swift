import Foundation
import ParLearnKit

/// `parlearn outcomes`: every final value a scenario can produce, as a histogram.
public struct OutcomeRun: Sendable {
    /// Schedules `--exhaustive` runs before it calls the program too big: each failing schedule
    /// keeps one OS thread parked until the child ends, so the space must stay small.
    public static let exhaustiveLimit = 5000
    public static let defaultSamples = 1000

    /// How the schedules are chosen.
    public enum Coverage: Sendable, Equatable {
        /// Bounded depth-first search of every interleaving, up to ``exhaustiveLimit``.
        case exhaustive
        /// `schedules` random schedules from `seed`.
        case sampled(schedules: Int, seed: UInt64)
    }

    public static func request(_ coverage: Coverage, scenario: String?, seconds: Double) -> RunRequest {
        switch coverage {
        case .exhaustive:
            // No preemption bound in practice: every interleaving is explored.
            return RunRequest(
                mode: .outcomes, strategy: .dfs, schedules: exhaustiveLimit + 1, preemptionBound: 1_000_000,
                scenario: scenario, timeBudget: seconds)
        case .sampled(let schedules, let seed):
            return RunRequest(
                mode: .outcomes, strategy: .random, schedules: schedules, seed: seed,
                scenario: scenario, timeBudget: seconds)
        }
    }

    /// What came of the run.
    public enum Result: Sendable {
        case tally(ScenarioReport, OutcomeTally)
        /// No histogram: a compile error, a crash, a timeout, an async scenario. Exit status 2
        /// for the learner's input or code, 1 for a program that broke the run.
        case problem(String, compilerOutput: String?, exitCode: Int32)
    }

    public var result: Result
    public var coverage: Coverage

    public init(_ outcome: CheckerOutcome, coverage: Coverage) {
        self.coverage = coverage
        let verdict = CheckerVerdict(outcome, request: RunRequest(mode: .outcomes))
        if let output = verdict.compilerOutput {
            result = .problem("does not compile", compilerOutput: output, exitCode: 2)
        } else if let problem = verdict.problem {
            result = .problem(problem, compilerOutput: nil, exitCode: 1)
        } else if let report = verdict.scenarios.first, report.engine == .async {
            result = .problem(
                "outcomes cannot run async scenarios yet: the async engine does not tally outcomes. "
                    + "Declare the scenario with a synchronous body (threads) to see its histogram.",
                compilerOutput: nil, exitCode: 2)
        } else if let report = verdict.scenarios.first, let tally = report.outcomes {
            if tally.truncated {
                result = .problem(
                    "the program is too big for --exhaustive: it has more than \(Self.exhaustiveLimit) "
                        + "schedules (or ran out of time). Sample it instead, e.g. `--schedules 1000`.",
                    compilerOutput: nil, exitCode: 2)
            } else {
                result = .tally(report, tally)
            }
        } else if let report = verdict.scenarios.first {
            // The run stopped on something no schedule choice explains (a thread stuck outside the checker).
            result = .problem(report.message, compilerOutput: nil, exitCode: 1)
        } else {
            result = .problem("the program reported no scenario", compilerOutput: nil, exitCode: 1)
        }
    }

    /// The outcomes tagged `forbidden` that occurred.
    public var forbiddenSeen: [OutcomeCount] {
        guard case .tally(_, let tally) = result else { return [] }
        return tally.outcomes.filter { $0.tag == .forbidden }
    }

    /// 0: no forbidden outcome; 1: one occurred (or the program broke the run); 2: usage or compile error.
    public var exitCode: Int32 {
        switch result {
        case .problem(_, _, let code): return code
        case .tally: return forbiddenSeen.isEmpty ? 0 : 1
        }
    }

    /// Whether no schedule ever called `outcome(_:)`.
    public var declaresNoOutcome: Bool {
        guard case .tally(_, let tally) = result else { return false }
        return !tally.declared
    }

    /// The coverage in plain words.
    public func coverageText(_ tally: OutcomeTally) -> String {
        switch coverage {
        case .exhaustive:
            return "every schedule: all \(tally.schedules) interleavings were run (exhaustive)"
        case .sampled(_, let seed):
            return
                "a sample: \(tally.schedules) random schedules (seed \(seed)); "
                + "outcomes that need a rarer order may be missing"
        }
    }

    // MARK: JSON

    /// The JSON of `--json`.
    public func json(target: String) -> Data {
        var object: [String: Any] = ["program": target]
        switch result {
        case .problem(let message, let output, _):
            object["verdict"] = "error"
            object["message"] = message
            if let output { object["compilerOutput"] = output }
        case .tally(let report, let tally):
            object["scenario"] = report.scenario
            object["coverage"] = coverageText(tally)
            object["verdict"] = forbiddenSeen.isEmpty ? "clean" : "forbidden"
            if let data = try? JSONEncoder().encode(tally),
                let fields = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
            {
                object.merge(fields) { a, _ in a }
            }
        }
        return
            (try? JSONSerialization.data(
                withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])) ?? Data()
    }

    // MARK: Text

    public func render(theme: Theme, width: Int, target: String) -> [String] {
        switch result {
        case .problem(let message, let output, _):
            return [theme.paint("no histogram: \(message)", theme.bug)] + (output.map { [$0] } ?? [])
        case .tally(let report, let tally):
            return histogram(report, tally, theme: theme, width: width, target: target)
        }
    }

    private func histogram(
        _ report: ScenarioReport, _ tally: OutcomeTally, theme: Theme, width: Int, target: String
    ) -> [String] {
        var lines = ["Outcomes of \"\(report.scenario)\" in \(target)", "  Coverage: \(coverageText(tally))", ""]
        if declaresNoOutcome {
            lines.append(
                "  This scenario declares no outcome, so only how schedules ended is counted. "
                    + "Add `outcome(value)` after the joins to see the values.")
        }
        let all = tally.outcomes + tally.unseen
        let valueWidth = all.map(\.value.count).max() ?? 1
        let countWidth = String(tally.outcomes.map(\.count).max() ?? 0).count
        // Value, bar, count, share, tag and note on one line: the bar takes what the rest leaves.
        let noteWidth = all.compactMap { $0.note.map { $0.count + 1 } }.max() ?? 0
        let barWidth = max(10, min(30, width - (valueWidth + countWidth + noteWidth + 28)))
        for entry in all {
            let share = tally.schedules == 0 ? 0 : Double(entry.count) / Double(tally.schedules)
            let filled = entry.count == 0 ? 0 : max(1, Int((share * Double(barWidth)).rounded()))
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: barWidth - filled)
            let tag = entry.tag?.rawValue ?? "untagged"
            let style: TextStyle =
                entry.tag == .forbidden ? theme.bug : entry.tag == .interesting ? .yellow : theme.clean
            let percent = String(format: "%5.1f%%", share * 100)
            lines.append(
                "  " + entry.value.padding(toLength: valueWidth, withPad: " ", startingAt: 0) + "  "
                    + theme.paint(bar, style) + "  "
                    + String(repeating: " ", count: countWidth - String(entry.count).count)
                    + "\(entry.count)  \(percent)  "
                    + theme.paint(
                        tag.padding(toLength: 11, withPad: " ", startingAt: 0), entry.tag == nil ? .dim : style)
                    + (entry.note.map { " \($0)" } ?? ""))
            let indent = String(repeating: " ", count: valueWidth + 4)
            lines.append(indent + (entry.count == 0 ? "never produced" : "witness: \(entry.witness)"))
        }
        lines.append("")
        if let forbidden = forbiddenSeen.first {
            lines.append(
                theme.paint(
                    "  Forbidden outcome \(forbidden.value) occurred in \(forbidden.count) of "
                        + "\(tally.schedules) schedules.",
                    theme.bug))
            lines.append("  See how:")
            lines.append(
                "    "
                    + theme.paint(
                        ReplayCommand.make(target: target, schedule: forbidden.witness, scenario: report.scenario),
                        theme.command))
        } else {
            lines.append("  No forbidden outcome occurred. Replay a witness with")
            lines.append("    " + theme.paint("parlearn replay \(target) <witness>", theme.command))
        }
        return lines
    }
}
