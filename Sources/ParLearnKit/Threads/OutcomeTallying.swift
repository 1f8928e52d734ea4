import Foundation

extension ThreadExplorer {
    /// Outcomes mode: runs every schedule (strategy `dfs`: the request's preemption bound, as
    /// large as the parent wants) or `schedules` schedules of another strategy, and counts the
    /// value each one passed to `outcome(_:)`. Failures do not stop it: a failed `check` after
    /// the `outcome` still counts its value, a deadlock before it counts as "(deadlock)".
    static func tallyOutcomes(
        request: RunRequest, scenario: String, settings: Settings,
        body: @escaping @Sendable () -> Void
    ) -> Outcome {
        let started = Date()
        let exhaustive = request.strategy == .dfs
        // dfs or sampling: there is no schedule to decode, so making the strategy cannot fail.
        let stream = Stream(strategy: try! makeStrategy(request: request), core: 0)
        let tally = OutcomeBoard()
        // CPU time, as every budget of the checker: load must not change the histogram.
        let deadline = request.timeBudget.map { CPUDeadline(seconds: $0) }
        let stuck = Watchdog(seconds: settings.watchdogSeconds).run([
            (
                stream,
                { @Sendable in
                    var index = 0
                    while index < request.schedules, deadline.map({ !$0.hasPassed }) ?? true,
                        let result = stream.run(index: index, body: body)
                    {
                        tally.add(result)
                        index += 1
                    }
                }
            )
        ])
        var report = ScenarioReport(
            scenario: scenario, engine: .threads, verdict: .clean, message: "",
            seed: request.seed, strategy: exhaustive ? "dfs" : stream.strategy.name,
            schedulesRun: tally.runs, failuresSeen: tally.failures,
            elapsed: Date().timeIntervalSince(started))
        if let stuck {
            let finding = Finding.stuck(
                thread: stuck.thread, spinning: stuck.spinning, seconds: settings.watchdogSeconds)
            let text = Describe(names: stuck.stream.current?.threadNames ?? [], trace: []).finding(finding)
            report.verdict = .bug
            report.kind = finding.kind
            report.message = text.message
            report.details = text.details
            report.schedule = ScheduleString.encode(stuck.choices)
            return Outcome(report: report, processMustExit: true)
        }
        let finished = (stream.strategy as? BoundedDFS)?.finished ?? false
        report.outcomes = tally.summary(exhaustive: exhaustive && finished, truncated: exhaustive && !finished)
        report.coverage = stream.strategy.coverage(executions: tally.runs)
        report.message = "\(counted(tally.runs, "schedule")) run"
        stream.shutDown()
        return Outcome(report: report, processMustExit: false)
    }
}

/// The running histogram; only the stream's driver touches it, the watchdog's wait orders the read.
private final class OutcomeBoard: @unchecked Sendable {
    // @unchecked: written by the one driver thread, read after the watchdog saw it finish.
    private var counts: [String: OutcomeCount] = [:]
    private var order: [String] = []
    private var annotations: [(value: String, tag: OutcomeTag, note: String)] = []
    private(set) var runs = 0
    private(set) var failures = 0
    private var declared = false

    func add(_ result: ExecutionResult) {
        runs += 1
        if result.finding != nil { failures += 1 }
        let value = result.observed?.value ?? result.finding.map { "(\($0.kind.rawValue))" } ?? "(no outcome)"
        if result.observed != nil { declared = true }
        if annotations.isEmpty, let declared = result.observed?.annotations { annotations = declared }
        if counts[value] == nil {
            order.append(value)
            counts[value] = OutcomeCount(value: value, count: 0, witness: ScheduleString.encode(result.choices))
        }
        counts[value]!.count += 1
    }

    func summary(exhaustive: Bool, truncated: Bool) -> OutcomeTally {
        func tagged(_ count: OutcomeCount) -> OutcomeCount {
            var count = count
            if let note = annotations.first(where: { $0.value == count.value }) {
                count.tag = note.tag
                count.note = note.note.isEmpty ? nil : note.note
            }
            return count
        }
        let seen = order.enumerated().map { (rank: $0.offset, count: tagged(counts[$0.element]!)) }
            .sorted { ($0.count.count, -$0.rank) > ($1.count.count, -$1.rank) }.map(\.count)
        let unseen = annotations.filter { counts[$0.value] == nil }
            .map {
                OutcomeCount(value: $0.value, count: 0, witness: "", tag: $0.tag, note: $0.note.isEmpty ? nil : $0.note)
            }
        return OutcomeTally(
            exhaustive: exhaustive, truncated: truncated, schedules: runs, outcomes: seen, unseen: unseen,
            declared: declared)
    }
}
