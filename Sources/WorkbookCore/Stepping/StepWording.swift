import Foundation
import ParLearnKit

/// Every sentence step mode prints, from the structured ``StepState``.
public struct StepWording: Sendable {
    public var theme: Theme
    public var width: Int
    /// How `replay` and `explore` name the program, e.g. `00-welcome/racy`.
    public var target: String
    public var scenario: String?
    /// The program's source files by name, for the lines around each pending operation.
    public var sources: [String: [String]]
    /// For a `kind: schedule` exercise, the answer file the recorded schedule goes into.
    public var answerFile: String?

    public init(theme: Theme, width: Int, target: String, scenario: String?, sources: [String: [String]]) {
        self.theme = theme
        self.width = width
        self.target = target
        self.scenario = scenario
        self.sources = sources
    }

    /// Reads the sources of `target` (its learner files and main file).
    public static func sources(of target: ProgramTarget) -> [String: [String]] {
        let units = target.compileUnits
        var sources: [String: [String]] = [:]
        for url in units.files + (units.mainFile.map { [$0] } ?? []) {
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            sources[url.lastPathComponent] = text.components(separatedBy: "\n")
        }
        return sources
    }

    // MARK: Messages

    public func goal(_ goal: StepGoal) -> [String] {
        ["\(theme.paint("Goal:", theme.label)) \(goal.text)"]
    }

    public var help: [String] {
        [
            "You are the scheduler: at each decision, pick which thread does its next operation.",
            "  1, T1      run thread 1 (by number or name) for one operation",
            "  back       undo the last choice",
            "  auto N     let the scheduler take N steps (the thread that ran last goes on while it can)",
            "  goal       what you are trying to reach",
            "  show       show the current decision again",
            "  quit       stop (the schedule so far is printed)",
        ]
    }

    public var nothingToUndo: String { "nothing to undo: this is the first decision" }
    public var runIsOver: String { "this run is over: `back` undoes the last choice, `quit` stops" }

    public func autoUsage(limit: Int) -> String { "usage: auto N, with N from 1 to \(limit)" }

    public func autoTook(_ steps: Int) -> [String] { ["auto: \(steps) step\(steps == 1 ? "" : "s")"] }

    public func farewell(choices: [Int], reachedGoal: Bool) -> [String] {
        let schedule = ScheduleString.encode(choices)
        let made = counted(choices.count, "decision")
        return [
            reachedGoal ? "Stopped. You reached the goal in this session." : "Stopped after \(made).",
            "Schedule so far: \(schedule)",
        ]
    }

    /// The choices the learner can type now.
    public func prompt(_ state: StepState) -> [String] {
        guard case .paused(let point, _) = state else { return [runIsOver] }
        return prompt(point)
    }

    private func prompt(_ point: DecisionPoint) -> [String] {
        let options = point.threads.filter { $0.status == .runnable }.map { "\($0.id) \($0.name)" }
        return ["Choose \(options.joined(separator: ", ")) (or back, auto N, goal, help, quit)."]
    }

    // MARK: Choosing

    /// A choice the learner cannot make, with why.
    public struct Refusal: Error, Sendable {
        public var lines: [String]
    }

    /// The thread `word` names (an id or a name), if it may run now.
    public func resolve(_ word: String, in point: DecisionPoint) -> Result<Int, Refusal> {
        let named =
            Int(word).flatMap { id in point.threads.first { $0.id == id } }
            ?? point.threads.first { $0.name == word }
            ?? point.threads.first { $0.name.lowercased() == word.lowercased() }
        guard let thread = named else {
            let names = point.threads.map(\.name)
            let known = point.threads.map { "\($0.id) \($0.name)" }.joined(separator: ", ")
            return .failure(
                Refusal(
                    lines: [
                        "no thread '\(word)'\(Suggestions.didYouMean(word, among: names)); the threads are \(known)."
                    ] + prompt(point)))
        }
        switch thread.status {
        case .runnable:
            return .success(thread.id)
        case .finished:
            return .failure(
                Refusal(
                    lines: ["\(thread.name) has finished: it has nothing left to do."]
                        + prompt(point)))
        case .blocked:
            return .failure(Refusal(lines: [blockedReason(thread)] + prompt(point)))
        }
    }

    func blockedReason(_ thread: PendingThread) -> String {
        let waits = thread.waitsFor ?? "another thread"
        let operation = thread.operation ?? waits
        if waits.hasPrefix("join "), let holder = thread.heldBy {
            return
                "\(thread.name) is blocked: \(operation) waits until \(holder) has finished. Run another thread first."
        }
        let held = thread.heldBy.map { ", which \($0) holds" } ?? ""
        return "\(thread.name) is blocked: \(operation) waits for \(waits)\(held). Run another thread first."
    }

    // MARK: States

    public func state(_ state: StepState, choices: [Int], goal: StepGoal) -> [String] {
        let renderer = ReportRenderer(theme: theme, width: width, replayTarget: target)
        switch state {
        case .paused(let point, let report):
            return decision(point, report: report, schedule: ScheduleString.encode(choices))
        case .failed(let report):
            var lines = [theme.paint("You made it fail: \(report.message)", theme.clean), ""]
            if let kind = report.kind {
                lines.append("That is a \(ReportRenderer.describe(kind)), reached by your choices:")
            }
            lines += [""] + renderer.interleaving(report).map { "  " + $0 }
            lines += report.details.isEmpty ? [] : [""] + report.details.map { "  - " + $0 }
            let schedule = report.schedule ?? ScheduleString.encode(choices)
            lines += [
                "", "\(theme.paint("Schedule:", theme.label)) \(schedule)",
                "\(theme.paint("Replay:", theme.label)) "
                    + theme.paint(
                        ReplayCommand.make(target: target, schedule: schedule, scenario: report.scenario), theme.command
                    ),
                "`back` undoes the last choice to try another path; `quit` stops.",
            ]
            if let answerFile {
                lines.append("To hand it in, paste the schedule into \(answerFile) and run `check \(target)`.")
            }
            return lines
        case .ended(let report):
            var lines = [
                "The scenario ran to its end after \(counted(choices.count, "decision")) without failing."
            ]
            if report.kind == .dataRace,
                let race = report.details.first(where: { $0.contains("race") }) ?? report.details.first
            {
                lines.append("It did race, though: \(race). A different order can turn that into a wrong result.")
            }
            if goal.expectClean {
                lines.append(
                    "As expected: this is the fixed program. `parlearn explore \(target)` tries schedules for you; "
                        + "if none of them fails within its budget, none you could choose here would either.")
            } else {
                lines.append(
                    "`back` undoes the last choice so you can try another path. If you think no path fails, "
                        + "`parlearn explore \(target)` searches the schedules for you.")
            }
            return lines
        case .problem(let reason):
            return ["step mode cannot go on: \(reason)"]
        }
    }

    private func decision(_ point: DecisionPoint, report: ScenarioReport, schedule: String) -> [String] {
        var lines = [
            "\(theme.paint("Decision \(point.step + 1)", theme.label)) of \"\(report.scenario)\""
                + "  ·  schedule so far \(schedule)"
        ]
        if let last = report.trace.last(where: { !$0.operation.hasPrefix("…") }), !report.trace.isEmpty {
            let name = report.threads.indices.contains(last.thread) ? report.threads[last.thread] : "?"
            lines.append("Last step: \(name) \(last.operation)\(last.value.map { ": \($0)" } ?? "")")
        }
        lines.append("")
        let nameWidth = max(6, point.threads.map(\.name.count).max() ?? 0)
        let opWidth = max(14, point.threads.compactMap { $0.operation?.count }.max() ?? 0)
        let head =
            "   #  " + "thread".padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "  "
            + "next operation".padding(toLength: opWidth, withPad: " ", startingAt: 0) + "  state"
        lines.append(theme.paint(head, theme.tableHeader))
        for thread in point.threads {
            let id = String(thread.id)
            let row =
                String(repeating: " ", count: max(0, 4 - id.count)) + id + "  "
                + thread.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "  "
                + (thread.operation ?? "—").padding(toLength: opWidth, withPad: " ", startingAt: 0) + "  "
                + status(thread)
            lines.append(thread.status == .runnable ? row : theme.paint(row, .dim))
        }
        lines += context(point)
        if !point.shared.isEmpty {
            lines += ["", theme.paint("Shared state:", theme.label)]
            lines += point.shared.map { "  " + describe($0) }
        }
        return lines + [""] + prompt(point)
    }

    private func status(_ thread: PendingThread) -> String {
        switch thread.status {
        case .runnable: return "runnable"
        case .finished: return "finished"
        case .blocked:
            var text = "blocked: waits for \(thread.waitsFor ?? "?")"
            if let holder = thread.heldBy, !(thread.waitsFor ?? "").hasPrefix("join") { text += " (held by \(holder))" }
            return text
        }
    }

    func describe(_ primitive: PrimitiveState) -> String {
        var text = "\(primitive.name) (\(primitive.kind))"
        if let value = primitive.value { text += " = \(value)" }
        if primitive.kind.hasSuffix("Lock") || primitive.kind == "Mutex" {
            text += primitive.holder.map { ", held by \($0)" } ?? ", free"
            if !primitive.waiters.isEmpty { text += ", waiting: \(primitive.waiters.joined(separator: ", "))" }
        }
        return text
    }

    /// The source lines of the pending operations, one line of context either side, each
    /// marked with the threads that wait there.
    private func context(_ point: DecisionPoint) -> [String] {
        var byFile: [String: [Int: [String]]] = [:]
        for thread in point.threads where thread.status != .finished {
            guard let file = thread.file, let line = thread.line else { continue }
            byFile[file, default: [:]][line, default: []].append(thread.name)
        }
        var lines: [String] = []
        for file in byFile.keys.sorted() {
            guard let text = sources[file], let marks = byFile[file] else { continue }
            var shown = Set<Int>()
            for line in marks.keys {
                for n in (line - 1)...(line + 1) where n >= 1 && n <= text.count { shown.insert(n) }
            }
            lines += ["", theme.paint(file, theme.location)]
            var previous: Int?
            let numberWidth = String(shown.max() ?? 0).count
            for n in shown.sorted() {
                if let previous, n > previous + 1 {
                    lines.append(String(repeating: " ", count: numberWidth + 2) + "┆")
                }
                previous = n
                let number = String(repeating: " ", count: numberWidth - String(n).count) + String(n)
                let code = text[n - 1].replacingOccurrences(of: "\t", with: "    ")
                let mark = marks[n].map { "   ← " + $0.joined(separator: ", ") } ?? ""
                let body = "  \(theme.paint(number, theme.lineNumber)) │ \(code)"
                lines.append(mark.isEmpty ? body : body + theme.paint(mark, theme.contextSwitch))
            }
        }
        return lines
    }
}
