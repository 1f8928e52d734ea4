import Foundation
import ParLearnKit

extension ProgramRunner {
    /// The steps that led to a thread-engine crash. The kit cannot build a trace inside a signal
    /// handler, so the schedule up to the crashing step is run again in step mode, which pauses
    /// there and reports its trace; the chosen thread's next operation and the crash follow.
    /// Returns the record unchanged when the steps cannot be had (an async schedule, a crash
    /// before the first decision, a step run that fails).
    func withSteps(_ record: CrashRecord, binary: URL, timeout: Double) -> CrashRecord {
        guard record.schedule.hasPrefix("T"), let choices = try? ScheduleString.decode(record.schedule),
            let last = choices.last
        else { return record }
        let request = RunRequest(
            mode: .step, schedule: ScheduleString.encode(Array(choices.dropLast())),
            scenario: record.scenario, timeBudget: timeout)
        guard
            case .finished(let report, _) = runChecker(
                binary: binary, request: request, timeout: timeout, onEvent: { _ in }),
            let paused = report.scenarios.first, let point = paused.decisionPoint,
            let chosen = point.threads.first(where: { $0.id == last })
        else { return record }
        var record = record
        record.threads = paused.threads
        record.trace = paused.trace
        let switched = paused.trace.last.map { $0.thread != last } ?? false
        if let operation = chosen.operation {
            record.trace.append(
                TraceStep(
                    thread: last, operation: operation, file: chosen.file, line: chosen.line,
                    contextSwitch: switched))
        }
        let what = record.cause?.reason ?? RunStatus.signaled(record.signal).summary
        record.trace.append(
            TraceStep(
                thread: last, operation: "crash: \(what)", file: record.cause?.file,
                line: record.cause?.line, contextSwitch: switched && chosen.operation == nil))
        return record
    }
}
