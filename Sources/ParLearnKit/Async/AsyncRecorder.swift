/// Collects the interleaving table of the one execution that is shown: a row per job run,
/// plus a row for each kit operation (spawnTask, await of a task value, sleep, cancel, check)
/// with its source line. Only the final re-run of a schedule records, so exploring stays fast.
final class AsyncRecorder {
    private(set) var steps: [TraceStep] = []
    private var started: Set<Int> = []

    func jobStarts(task: Int, job: UnownedJob, contextSwitch: Bool) {
        var actor: String?
        let operation: String
        if RuntimeJob.taskID(job) == nil {
            actor = RuntimeJob.actorName(of: job)
            operation = actor.map { "runs on actor \($0)" } ?? "actor or executor hop"
        } else if started.insert(task).inserted {
            operation = "starts"
        } else {
            operation = "resumes after an await"
        }
        steps.append(TraceStep(thread: task, operation: operation, contextSwitch: contextSwitch, actor: actor))
    }

    /// A kit operation inside the running job (or, with `task` nil, a driver event such as the
    /// virtual clock moving), shown in the column of the task that did it.
    func note(_ operation: String, file: String? = nil, line: Int? = nil, task: Int?) {
        steps.append(TraceStep(thread: task ?? steps.last?.thread ?? 0, operation: operation, file: file, line: line))
    }
}
