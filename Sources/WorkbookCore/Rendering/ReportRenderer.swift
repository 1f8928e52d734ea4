import Foundation
import ParLearnKit

/// Renders checker results for a learner: the verdict, the interleaving that failed as a
/// Lincheck-style table (one column per thread, rows in execution order), the facts behind it,
/// and how to replay it.
///
/// Width-aware: the table narrows its columns and wraps cells, and when the threads cannot fit
/// side by side it becomes one row per step with a thread label. Elapsed time is never shown, so
/// the text is a deterministic function of the report (chapter transcripts rely on that).
public struct ReportRenderer: Sendable {
    public var theme: Theme
    public var width: Int
    /// How `parlearn replay` finds the program again, e.g. `01-threads/racy` or a file path.
    /// Without it no replay command is printed.
    public var replayTarget: String?

    public init(theme: Theme, width: Int, replayTarget: String? = nil) {
        self.theme = theme
        self.width = max(width, TerminalWidth.minimum)
        self.replayTarget = replayTarget
    }

    private static let indent = "  "
    private var bodyWidth: Int { width - Self.indent.count }

    /// A whole program's result: each scenario, then a one-line summary when there are several.
    public func render(_ report: ProgramReport) -> [String] {
        var lines: [String] = []
        if !report.complete {
            lines += prose("The program stopped before every scenario finished: the report is incomplete.", width: width)
        }
        guard !report.scenarios.isEmpty else {
            return lines + prose("No scenario ran: declare one with scenario(\"name\") { … }.", width: width)
        }
        for scenario in report.scenarios {
            if !lines.isEmpty { lines.append("") }
            lines += render(scenario)
        }
        if report.scenarios.count > 1 {
            let bugs = report.scenarios.filter { $0.verdict == .bug }.count
            let summary = "\(counted(report.scenarios.count, "scenario")): \(bugs) with a bug, \(report.scenarios.count - bugs) clean."
            lines += [""] + prose(summary, width: width)
        }
        return lines
    }

    /// One scenario's result.
    public func render(_ report: ScenarioReport) -> [String] {
        var lines = verdictLine(report)
        lines += indented(prose(report.message, width: bodyWidth))
        switch report.verdict {
        case .clean:
            let explored = "\(counted(report.schedulesRun, "schedule")) explored, no failure. A pass is not a proof."
            lines += indented(prose(explored, width: bodyWidth))
            if let coverage = report.coverage { lines += indented(labelled("Coverage", coverage)) }
            lines += indented(labelled("Strategy", "\(report.strategy), seed \(report.seed)"))
        case .limit:
            if !report.details.isEmpty { lines += [""] + indented(bulleted(report.details)) }
            lines += indented(labelled("Strategy", "\(report.strategy), seed \(report.seed)"))
        case .bug:
            if !report.trace.isEmpty { lines += [""] + indented(interleaving(report)) }
            if !report.details.isEmpty { lines += [""] + indented(bulleted(report.details)) }
            lines.append("")
            let found = "\(report.strategy), seed \(report.seed), " + (report.schedulesRun == 0
                ? "in the schedule that crashed the program"
                : "after \(counted(report.schedulesRun, "schedule")) (\(report.failuresSeen) failed)")
            lines += indented(labelled("Found by", found))
            if let coverage = report.coverage { lines += indented(labelled("Coverage", coverage)) }
            if let schedule = report.schedule {
                lines += indented(labelled("Schedule", schedule, unbreakable: true))
                if let target = replayTarget {
                    let command = ReplayCommand.make(target: target, schedule: schedule, scenario: report.scenario)
                    lines += indented(labelled("Replay", command, style: theme.command, unbreakable: true))
                }
            }
        }
        return lines
    }

    /// The plain-words name of a bug kind, as used in the verdict line.
    public static func describe(_ kind: BugKind) -> String {
        switch kind {
        case .invariant: return "invariant failed"
        case .deadlock: return "deadlock"
        case .potentialDeadlock: return "potential deadlock (locks taken in opposite orders)"
        case .dataRace: return "data race"
        case .isolationBreach: return "isolation breach (a process-wide global shared by isolates)"
        case .crash: return "crash"
        case .livelock: return "livelock or spinning"
        case .uncontrolled: return "blocked outside the checker's control"
        }
    }

    // MARK: Interleaving

    /// The trace as a table with one column per thread, or one row per step when the columns do not fit.
    public func interleaving(_ report: ScenarioReport) -> [String] {
        let names = threadNames(report)
        let switches = report.trace.contains { $0.contextSwitch }
        let gutter = report.trace.indices.map { index in
            [stepLabel(index, switched: report.trace[index].contextSwitch, marked: switches)]
        }
        let gutterWidth = gutter.map { TextWrapper.width($0) }.max() ?? 1
        // Locations never break, so a column narrower than the longest one is no use.
        let locationWidth = report.trace.compactMap { Self.location($0).map(DisplayWidth.of) }.max() ?? 0
        let table = Grid(
            header: [[StyledWord("step")]] + names.map { TextWrapper.words([StyledRun($0)]) },
            rows: report.trace.indices.map { index in
                let step = report.trace[index]
                return [gutter[index]] + names.indices.map { $0 == step.thread ? cell(step) : [] }
            },
            alignments: [.right] + names.map { _ in .left },
            minimumWidths: [gutterWidth] + names.map { _ in max(10, locationWidth) },
            borders: .inner, theme: theme)
        let list = Grid(
            header: [[StyledWord("step")], [StyledWord("thread")], [StyledWord("operation")]],
            rows: report.trace.indices.map { index in
                let step = report.trace[index]
                return [gutter[index], [StyledWord(names[step.thread], theme.label)], cell(step)]
            },
            alignments: [.right, .left, .left],
            minimumWidths: [gutterWidth, 2, 4],
            borders: .spaced, theme: theme)
        // Side by side only pays off with more than one thread and room for it. The list fits
        // any width parlearn renders at; past that it overflows rather than drop a step.
        let rendered = (names.count > 1 ? table.layout(width: bodyWidth) : nil)
            ?? list.layout(width: bodyWidth) ?? list.layout(width: .max) ?? []
        guard switches else { return rendered }
        var legend = " marks a context switch"
        if let preemptions = report.preemptions {
            legend += " (\(counted(preemptions, "preemption")) in this schedule)"
        }
        let runs = [StyledRun(marker, theme.contextSwitch), StyledRun(legend + ".", theme.location)]
        return rendered + TextWrapper.wrap(TextWrapper.words(runs), width: TerminalWidth.prose(bodyWidth), theme: theme)
    }

    private var marker: String { "→" }

    private func stepLabel(_ index: Int, switched: Bool, marked: Bool) -> StyledWord {
        let number = StyledRun(String(index + 1))
        guard marked else { return StyledWord([number]) }
        return StyledWord([switched ? StyledRun(marker, theme.contextSwitch) : StyledRun(" "), StyledRun(" "), number])
    }

    /// Column names: the report's, padded with `T<n>` for any thread index the list does not name.
    private func threadNames(_ report: ScenarioReport) -> [String] {
        let highest = max(report.threads.count, (report.trace.map(\.thread).max() ?? -1) + 1)
        return (0..<highest).map { $0 < report.threads.count ? report.threads[$0] : "T\($0)" }
    }

    /// `operation: value  file:line on actor`; the location never breaks across lines.
    private func cell(_ step: TraceStep) -> Grid.Cell {
        var runs = [StyledRun(step.operation)]
        if let value = step.value { runs += [StyledRun(": "), StyledRun(value, theme.label)] }
        var words = TextWrapper.words(runs)
        if let location = Self.location(step) {
            words.append(StyledWord([StyledRun(location, theme.location, unbreakable: true)]))
        }
        if let actor = step.actor, !step.operation.hasSuffix(actor) {
            words.append(StyledWord([StyledRun("on \(actor)", theme.location, unbreakable: true)]))
        }
        return words
    }

    /// `racy.swift:14`: the file's last path component keeps cells short; the learner knows the folder.
    static func location(_ step: TraceStep) -> String? {
        guard let file = step.file else { return step.line.map { "line \($0)" } }
        let name = file.split(separator: "/").last.map(String.init) ?? file
        return step.line.map { "\(name):\($0)" } ?? name
    }

    // MARK: Text pieces

    private func verdictLine(_ report: ScenarioReport) -> [String] {
        let badge = switch report.verdict {
        case .bug: StyledRun("BUG", theme.bug)
        case .clean: StyledRun("CLEAN", theme.clean)
        case .limit: StyledRun("NOT CHECKED", theme.bug)
        }
        let subject = report.verdict == .bug ? " in scenario" : " scenario"
        var runs = [badge, StyledRun("\(subject) \"\(report.scenario)\"")]
        if report.verdict == .bug, let kind = report.kind { runs.append(StyledRun(": " + Self.describe(kind))) }
        return TextWrapper.wrap(TextWrapper.words(runs), width: TerminalWidth.prose(width), theme: theme)
    }

    private func labelled(_ label: String, _ value: String, style: TextStyle = .plain, unbreakable: Bool = false) -> [String] {
        // Labels share one width so the values line up in a column.
        let labelWidth = 10
        let head = StyledWord("\(label):", theme.label)
        let pad = String(repeating: " ", count: labelWidth)
        // A schedule or command must stay on one line to be copied, even past the edge.
        let body: [StyledWord] = unbreakable ? [StyledWord([StyledRun(value, style, unbreakable: true)])]
            : TextWrapper.words([StyledRun(value, style)])
        let first = TextWrapper.paint([head], theme) + String(repeating: " ", count: labelWidth - head.width)
        if unbreakable, labelWidth + TextWrapper.width(body) > bodyWidth {
            // Too long for the line: alone on the next one, still whole.
            return [TextWrapper.paint([head], theme), "  " + TextWrapper.paint(body, theme)]
        }
        let lines = TextWrapper.fill(body, width: unbreakable ? Int.max : TerminalWidth.prose(bodyWidth) - labelWidth)
        return lines.enumerated().map { ($0 == 0 ? first : pad) + TextWrapper.paint($1, theme) }
    }

    private func bulleted(_ items: [String]) -> [String] {
        let bullet = theme.colour ? "•" : "-"
        return items.flatMap { item in
            prose(item, width: bodyWidth - 2).enumerated().map { $0 == 0 ? "\(bullet) \($1)" : "  \($1)" }
        }
    }

    private func prose(_ text: String, width: Int, style: TextStyle = .plain) -> [String] {
        TextWrapper.wrap(TextWrapper.words([StyledRun(text, style)]), width: TerminalWidth.prose(width), theme: theme)
    }

    private func indented(_ lines: [String]) -> [String] {
        lines.map { $0.isEmpty ? "" : Self.indent + $0 }
    }
}
