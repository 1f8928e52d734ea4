import Foundation
import ParLearnKit

/// Grades the two exercise kinds whose answer is a text file, not code: a prediction of every
/// final outcome (`kind: predict`) and a recorded failing schedule (`kind: schedule`).
/// The check file is the whole program; the learner's file only holds the answer.
extension ExerciseChecker {
    func checkAnswer(_ inputs: CheckInputs, base: CheckVerdict, replayTarget: String) -> CheckVerdict {
        guard let file = inputs.learnerFiles.first else {
            return base.with(.error, "the exercise names no answer file: the exercise is broken, not your answer")
        }
        guard let data = FileManager.default.contents(atPath: file.path), let text = String(data: data, encoding: .utf8)
        else {
            return base.with(
                .doesNotCompile,
                "\(file.lastPathComponent) is missing or not UTF-8 text: restore it, or `reset` the exercise")
        }
        let binary: URL
        switch executor.compile(files: [], mainFile: inputs.checkFile) {
        case .failed(_, let output):
            return base.with(
                .error, "the exercise's program does not compile: the exercise is broken, not your answer\n\(output)")
        case .compiled(let url, _):
            binary = url
        }
        let timeout = CheckPlan.timeout(forBudget: inputs.budget.seconds)
        switch inputs.kind {
        case .predict:
            switch Prediction.parse(text) {
            case .failure(let problem):
                return base.with(.doesNotCompile, "\(file.lastPathComponent) line \(problem.line): \(problem.message)")
            case .success(let values):
                let request = OutcomeRun.request(.exhaustive, scenario: nil, seconds: inputs.budget.seconds)
                let run = executor.explore(binary: binary, request: request, timeout: timeout)
                var verdict = Prediction.grade(
                    values, against: OutcomeRun(run.outcome, coverage: .exhaustive), base: base,
                    file: file.lastPathComponent, replayTarget: replayTarget)
                verdict.duration = run.duration
                return verdict
            }
        case .schedule:
            switch RecordedSchedule.parse(text) {
            case .failure(let problem):
                return base.with(.doesNotCompile, "\(file.lastPathComponent): \(problem)")
            case .success(nil):
                return base.with(
                    .failed,
                    "\(file.lastPathComponent) holds no schedule yet: record one with "
                        + "`parlearn step \(replayTarget)`, then paste the schedule it prints there")
            case .success(let schedule?):
                let run = executor.explore(
                    binary: binary, request: RunRequest(mode: .replay, schedule: schedule), timeout: timeout)
                var verdict = RecordedSchedule.grade(schedule, run: run.outcome, base: base, replayTarget: replayTarget)
                verdict.duration = run.duration
                return verdict
            }
        case .code:
            preconditionFailure("code exercises are explored, not read as answers")
        }
    }
}

/// A prediction file: one value per line, `#` starts a comment.
enum Prediction {
    struct Problem: Error, Equatable {
        var line: Int
        var message: String
    }

    /// The values, normalised, or the first malformed line. A value is a whole number, `true`,
    /// `false`, or a tuple of those in parentheses: `2`, `-1`, `(0, 1)`.
    static func parse(_ text: String) -> Result<[String], Problem> {
        var values: [String] = []
        for (index, raw) in text.components(separatedBy: "\n").enumerated() {
            let line =
                raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { continue }
            guard let value = normalised(trimmed) else {
                return .failure(
                    Problem(
                        line: index + 1,
                        message: "`\(trimmed)` is not a value: write one value per line, "
                            + "a whole number such as `2`, `true`/`false`, or a tuple such as `(0, 1)`"))
            }
            if !values.contains(value) { values.append(value) }
        }
        return .success(values)
    }

    /// The value without spaces, if it is well formed.
    static func normalised(_ text: String) -> String? {
        let compact = text.filter { !$0.isWhitespace }
        func isAtom(_ s: Substring) -> Bool {
            s == "true" || s == "false" || Int(s) != nil
        }
        if compact.hasPrefix("(") && compact.hasSuffix(")") {
            let inner = compact.dropFirst().dropLast()
            let parts = inner.split(separator: ",", omittingEmptySubsequences: false)
            return parts.count >= 2 && parts.allSatisfy(isAtom) ? compact : nil
        }
        return isAtom(Substring(compact)) ? compact : nil
    }

    static func grade(
        _ predicted: [String], against run: OutcomeRun, base: CheckVerdict, file: String,
        replayTarget: String
    ) -> CheckVerdict {
        guard case .tally(let report, let tally) = run.result else {
            if case .problem(let message, _, _) = run.result {
                return base.with(.error, "the outcomes could not be enumerated: \(message)")
            }
            return base.with(.error, "the outcomes could not be enumerated")
        }
        var verdict = base
        verdict.schedulesRun = tally.schedules
        let actual = tally.outcomes.map { (key: normalised($0.value) ?? $0.value, count: $0) }
        guard !predicted.isEmpty else {
            return verdict.with(
                .failed,
                "\(file) lists no value yet: write every final value you think the program can end with, one per line")
        }
        let missed = actual.filter { !predicted.contains($0.key) }
        let wrong = predicted.filter { value in !actual.contains { $0.key == value } }
        let list = tally.outcomes.map(\.value).joined(separator: ", ")
        guard !missed.isEmpty || !wrong.isEmpty else {
            var passed = verdict.with(
                .passed, "right: the program can end with exactly \(list) (all \(tally.schedules) schedules run)")
            passed.details = tally.outcomes.map {
                "\($0.value): \($0.count) of \(tally.schedules) schedules, e.g. \($0.witness)"
            }
            return passed
        }
        var failed = verdict.with(
            .failed,
            "not quite: \(missed.count) possible value\(missed.count == 1 ? "" : "s") missing, "
                + "\(wrong.count) impossible value\(wrong.count == 1 ? "" : "s") listed")
        failed.details =
            missed.map { entry in
                "missing \(entry.count.value): \(entry.count.count) of \(tally.schedules) schedules end with it; "
                + "one is "
                    + ReplayCommand.make(target: replayTarget, schedule: entry.count.witness, scenario: report.scenario)
            } + wrong.map { "listed \($0), but none of the \(tally.schedules) schedules ends with it" }
        failed.replayCommand = missed.first.map {
            ReplayCommand.make(target: replayTarget, schedule: $0.count.witness, scenario: report.scenario)
        }
        return failed
    }
}

/// A schedule file: the first line that is not blank or a `#` comment holds the schedule string.
enum RecordedSchedule {
    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    /// The schedule string; nil when the file holds none yet (the starter).
    static func parse(_ text: String) -> Result<String?, Problem> {
        let lines = text.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let line = lines.first(where: { !$0.isEmpty && !$0.hasPrefix("#") }) else {
            return .success(nil)
        }
        do throws(ScheduleString.Invalid) {
            _ = try ScheduleString.decode(line)
        } catch {
            return .failure(Problem(description: "\(error)"))
        }
        return .success(line)
    }

    static func grade(_ schedule: String, run: CheckerOutcome, base: CheckVerdict, replayTarget: String) -> CheckVerdict
    {
        let verdict = CheckerVerdict(run, request: RunRequest(mode: .replay, schedule: schedule))
        if verdict.usageError, let problem = verdict.problem {
            return base.with(
                .failed, "\(problem). Record the schedule on this program with `parlearn step \(replayTarget)`")
        }
        if let problem = verdict.problem, verdict.decisive?.kind != .crash {
            return base.with(.error, "the schedule could not be replayed: \(problem)")
        }
        guard let report = verdict.decisive else { return base.with(.error, "the program reported no scenario") }
        var result = base
        result.schedulesRun = 1
        guard report.verdict == .bug, let kind = report.kind, StepGoal.failureKinds.contains(kind) else {
            var rejected = result.with(
                .failed, "this schedule runs to the end without failing: every check holds on it")
            if report.kind == .dataRace {
                rejected.details = ["it races, but the race does not break a check in this order"]
            }
            rejected.details.append("find a failing order with `parlearn step \(replayTarget)`")
            return rejected
        }
        var passed = result.with(.passed, "your schedule makes it fail: \(VerdictWording.headline(for: report))")
        passed.bug = report
        passed.replayCommand = ReplayCommand.make(target: replayTarget, schedule: schedule, scenario: report.scenario)
        return passed
    }
}
