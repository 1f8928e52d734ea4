import Foundation
import Synchronization

/// Limits of one async execution. Reaching one ends the execution with a verdict that says so.
struct AsyncLimits: Sendable {
    /// Jobs per execution; more is reported as a livelock. The crash record holds this many.
    var maxSteps = Execution.livelockSteps
    /// Tasks per execution: schedule strings name ids `a`…`Z`.
    var maxTasks = ScheduleString.maxId + 1
    /// How long the driver waits, with nothing runnable, for a job from another thread before
    /// it calls the state a hang.
    var graceSeconds = 0.05
    /// A job running longer than this without returning to the driver is reported as stuck.
    var jobTimeoutSeconds = 2.0
}

/// What ended an execution early.
enum AsyncFinding: Equatable {
    case invariant(message: String, file: String, line: Int, task: Int)
    /// No job can run while tasks are unfinished; the details say what each task awaits.
    case hang(message: String, details: [String])
    /// Work reached the driver from another thread: something escaped the scheduler.
    case uncontrolled(message: String, details: [String])
    case livelock(message: String)

    var kind: BugKind {
        switch self {
        case .invariant: .invariant
        case .hang: .deadlock
        case .uncontrolled: .uncontrolled
        case .livelock: .livelock
        }
    }
}

/// The result of one execution.
struct AsyncResult: MinimisableExecution {
    var index: Int
    var finding: AsyncFinding?
    var choices: [Int]
    var preemptions: Int
    var tasks: [String]
    var steps: Int
    var strategy: String
    /// Why a replayed schedule did not fit the program, if it did not.
    var divergence: String?

    var bugKind: BugKind? { finding?.kind }
}

/// One controlled execution of an async scenario: the task executor every scenario task
/// prefers (SE-0417), and the driver loop that runs its jobs one at a time on one thread.
///
/// `enqueue` only queues. With the preference in place, task starts, resumptions after a
/// continuation, hops onto and off default actors and `Task.yield()` all arrive here as jobs,
/// so each is a scheduling point the strategy decides. Ids given to the strategy are task
/// columns in creation order (0 is the scenario body).
final class AsyncExecution: TaskExecutor, InvariantSink, @unchecked Sendable {
    // @unchecked: all state except `foreign`/`foreignArrived`/`wake` is touched only on the
    // driver thread (enqueues from it, and jobs it runs); other threads reach only those three,
    // which are a Mutex, a Synchronization.Atomic and a semaphore (spelled out: the kit has its own learner-facing Atomic).

    struct TaskInfo {
        var name: String
        /// Made by `spawnTask` or the body: the kit sees when it finishes.
        var tracked: Bool
        var finished = false
        /// What the kit saw it await last, e.g. "the value of alice".
        var awaiting: String?
        var children = 0
    }

    let limits: AsyncLimits
    /// The thread that creates an execution is its driver.
    private let driver = pthread_self()
    private var unowned: UnownedTaskExecutor!
    private(set) var tasks: [TaskInfo] = []
    // The hot per-job state skips dynamic exclusivity checks (a third of the cost of a job):
    // only the driver thread touches it, and no access spans a job run.
    @exclusivity(unchecked) private var columnOfTask: [UInt64: Int] = [:]
    @exclusivity(unchecked) private var queues: [[UnownedJob]] = []
    /// Columns with a queued job, ascending: the strategy's `runnable`.
    @exclusivity(unchecked) private var runnable: [Int] = []
    /// The column whose job runs now.
    @exclusivity(unchecked) private(set) var running: Int?
    @exclusivity(unchecked) private var choices: [Int] = []
    @exclusivity(unchecked) private var preemptions = 0
    @exclusivity(unchecked) private var steps = 0
    private var finding: AsyncFinding?
    private var bodyFinished = false
    /// The name the next new task gets (set by `spawnTask` around `Task.init`, which enqueues).
    private var nameForNextTask: String?
    /// Compare every job's task id with its `description` (the self-test turns it on).
    var verifyJobIDs = false
    /// Sees the actor address of each actor job (the layout probe of ``RuntimeJob``).
    var onActorJob: (@Sendable (UInt) -> Void)?
    private(set) var jobIDMismatch: String?
    let timeline = VirtualTimeline()
    let recorder: AsyncRecorder?
    private let crashSlot: UnsafeMutablePointer<CrashRecords.Slot>?
    private let heartbeat: Heartbeat
    /// The column of the task made inside the running `spawning` call.
    private var lastSpawned: Int?

    private let foreign = Synchronization.Mutex<[ForeignJob]>([])
    private let foreignArrived = Synchronization.Atomic<Bool>(false)
    private let wake = Parker()

    struct ForeignJob: Sendable {
        var job: UnownedJob
        var mainThread: Bool
    }

    init(limits: AsyncLimits, recorder: AsyncRecorder?, crashSlot: UnsafeMutablePointer<CrashRecords.Slot>?, heartbeat: Heartbeat) {
        self.limits = limits
        self.recorder = recorder
        self.crashSlot = crashSlot
        self.heartbeat = heartbeat
        runnable.reserveCapacity(8)
        choices.reserveCapacity(256)
    }

    // MARK: TaskExecutor

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        guard pthread_equal(pthread_self(), driver) != 0 else {
            foreign.withLock { $0.append(ForeignJob(job: job, mainThread: OSThread.currentTid == getpid())) }
            foreignArrived.store(true, ordering: .releasing)
            wake.unpark()
            return
        }
        if verifyJobIDs && jobIDMismatch == nil && RuntimeJob.taskID(job) != RuntimeJob.describedTaskID(job) {
            jobIDMismatch = "the runtime's task id of a job (\(String(describing: RuntimeJob.taskID(job)))) differs from its description (\(job.description))"
        }
        let column: Int
        if let id = RuntimeJob.taskID(job) {
            if let known = columnOfTask[id] {
                column = known
            } else {
                column = newTask(id)
            }
        } else {
            // An actor's drain job: it runs the segment of the task that hopped onto the actor
            // first, so it counts as that task's step.
            column = running ?? 0
            if let onActorJob, let address = RuntimeJob.actorAddress(of: job) { onActorJob(address) }
        }
        if column >= queues.count { return }  // over the task limit: never runs, see newTask
        if queues[column].isEmpty { insertRunnable(column) }
        queues[column].append(job)
    }

    func asUnownedTaskExecutor() -> UnownedTaskExecutor {
        unowned
    }

    private func newTask(_ id: UInt64) -> Int {
        let column = tasks.count
        guard column < limits.maxTasks else {
            stop(.livelock(message: "the scenario made more than \(limits.maxTasks) tasks in one execution, the most the checker explores; use fewer, larger tasks"))
            return Int.max
        }
        columnOfTask[id] = column
        var info: TaskInfo
        if let name = nameForNextTask {
            info = TaskInfo(name: name, tracked: true)
            nameForNextTask = nil
            lastSpawned = column
        } else {
            // async let and task-group children: named after their parent.
            let parent = running ?? 0
            tasks[parent].children += 1
            info = TaskInfo(name: "\(tasks[parent].name).\(tasks[parent].children)", tracked: false)
        }
        tasks.append(info)
        queues.append([])
        if let slot = crashSlot { CrashRecords.setName(info.name, column: column, in: slot) }
        return column
    }

    private func insertRunnable(_ column: Int) {
        var i = runnable.count
        while i > 0 && runnable[i - 1] > column { i -= 1 }
        runnable.insert(column, at: i)
    }

    // MARK: Events from kit code running in jobs (driver thread)

    func invariantFailed(message: String, file: String, line: Int) {
        recorder?.note("check failed: \(message)", file: file, line: line, task: running ?? 0)
        stop(.invariant(message: message, file: file, line: line, task: running ?? 0))
    }

    /// Records the first finding; later ones are not even built (a job past the task limit
    /// may make a hundred thousand more tasks, each of which reaches here).
    func stop(_ found: @autoclosure () -> AsyncFinding) {
        if finding == nil { finding = found() }
    }

    func bodyDidFinish() { bodyFinished = true }

    func taskDidFinish(_ column: Int) {
        if column < tasks.count { tasks[column].finished = true }
    }

    /// Called by `ScenarioTask.value` and other kit awaits; nil clears it.
    func setAwaiting(_ what: String?) {
        guard let column = running, column < tasks.count else { return }
        tasks[column].awaiting = what
    }

    /// Names the task the next `Task.init` creates; returns its column once it exists.
    func spawning<T>(_ name: String, _ create: () -> T) -> (T, Int?) {
        nameForNextTask = name
        lastSpawned = nil
        let made = create()
        nameForNextTask = nil
        return (made, lastSpawned)
    }

    /// True when the caller runs inside a job of this execution on its driver thread.
    var isOnDriver: Bool { pthread_equal(pthread_self(), driver) != 0 }

    // MARK: The driver loop

    /// Runs `body` as task 0 to the end, or until a finding, choosing every job by `strategy`.
    func run(strategy: inout any SchedulingStrategy, index: Int,
             body: @escaping @Sendable () async -> Void) -> AsyncResult {
        unowned = UnownedTaskExecutor(ordinary: self)
        let previousSink = CurrentExecution.sink
        CurrentExecution.sink = self
        defer { CurrentExecution.sink = previousSink }
        if let slot = crashSlot { CrashRecords.beginAsync(slot) }
        defer { if let slot = crashSlot { CrashRecords.endAsync(slot) } }

        _ = spawning("main") {
            Task(name: "main", executorPreference: self) { [self] in
                await AsyncContext.$execution.withValue(self) { await body() }
                bodyDidFinish()
                taskDidFinish(0)
            }
        }
        while finding == nil {
            if foreignArrived.load(ordering: .acquiring) {
                stop(escaped())
                break
            }
            if runnable.isEmpty {
                if let woken = timeline.advance() {
                    recorder?.note("virtual clock advances to \(VirtualTimeline.format(woken))", task: nil)
                    continue
                }
                if bodyFinished && tasks.allSatisfy({ !$0.tracked || $0.finished }) { break }
                if wake.park(timeout: limits.graceSeconds) || foreignArrived.load(ordering: .acquiring) {
                    stop(escaped())
                } else {
                    stop(hang())
                }
                break
            }
            guard steps < limits.maxSteps else {
                stop(.livelock(message: "the scenario ran \(limits.maxSteps) jobs without finishing: tasks keep waking each other (a livelock or an endless loop with await inside)"))
                break
            }
            let last = choices.last
            let current = last.flatMap { queues[$0].isEmpty ? nil : $0 }
            let column = strategy.choose(runnable: runnable, current: current)
            if let current, column != current { preemptions += 1 }
            choices.append(column)
            let job = queues[column].removeFirst()
            if queues[column].isEmpty, let i = runnable.firstIndex(of: column) { runnable.remove(at: i) }
            if let slot = crashSlot { CrashRecords.recordAsyncStep(column, in: slot) }
            recorder?.jobStarts(task: column, job: job, contextSwitch: column != last)
            running = column
            heartbeat.progress.wrappingAdd(1, ordering: .relaxed)
            job.runSynchronously(on: unowned)
            heartbeat.progress.wrappingAdd(1, ordering: .relaxed)
            running = nil
            steps += 1
        }
        return AsyncResult(index: index, finding: finding, choices: choices, preemptions: preemptions,
                           tasks: tasks.map(\.name), steps: steps, strategy: strategy.name)
    }

    // MARK: Findings

    private func escaped() -> AsyncFinding {
        let arrivals = foreign.withLock { $0 }
        let first = arrivals.first
        let who = first.flatMap { RuntimeJob.taskID($0.job) }.flatMap { columnOfTask[$0] }.map { "task \(tasks[$0].name)" } ?? "a job"
        let whereFrom = first?.mainThread == true
            ? "the main thread, so the code uses @MainActor or MainActor.run"
            : "another thread, so part of the code runs outside the checker: a Task { } or Task.detached not made with spawnTask, a real Task.sleep, DispatchQueue, or a Thread"
        return .uncontrolled(
            message: "\(who) was resumed from \(whereFrom). The checker controls only tasks made with spawnTask, so it cannot explore or replay this scenario",
            details: [
                "use spawnTask(\"name\") { } instead of Task { } and Task.detached, `await sleep(for:)` instead of Task.sleep, and keep @MainActor, Dispatch and threads out of async scenarios",
                "`parlearn check` also names the lines before running: it scans the source for these constructs",
            ])
    }

    /// What each unfinished task was doing when nothing could run any more.
    private func hang() -> AsyncFinding {
        var details: [String] = []
        var stuck: [String] = []
        for info in tasks where info.tracked && !info.finished {
            stuck.append(info.name)
            if let awaiting = info.awaiting {
                details.append("\(info.name) waits for \(awaiting)")
            } else {
                details.append("\(info.name) is suspended at an await nothing will resume: a continuation that is never resumed, such as the next element of an AsyncStream whose producer never calls finish(), or a withCheckedContinuation that never calls resume (inferred: an actor or a task value cannot cause this, the checker would see them)")
            }
        }
        let children = tasks.filter { !$0.tracked }.map(\.name)
        if !children.isEmpty {
            details.append("child tasks (async let, task groups) seen: \(children.joined(separator: ", ")); the checker does not see when they finish")
        }
        details.append("if the code uses Task.sleep, Dispatch, threads or @MainActor, the missing work may be running outside the checker instead")
        let list = stuck.isEmpty ? "the scenario" : stuck.joined(separator: ", ")
        let message = bodyFinished
            ? "the scenario body returned but \(list) never finished: nothing can resume \(stuck.count == 1 ? "it" : "them")"
            : "the scenario hung: no task can run, and \(list) \(stuck.count == 1 ? "is" : "are") still waiting"
        return .hang(message: message, details: details)
    }
}

/// Lets the watchdog on the waiting thread see that the driver still makes progress.
final class Heartbeat: Sendable {
    /// Counts job starts and ends: odd while a job runs.
    let progress = Synchronization.Atomic<Int>(0)
}

/// The execution a task belongs to, inherited by child tasks (and, alas, by `Task {}`, which
/// is how the kit notices `spawnTask` called from an escaped task).
enum AsyncContext {
    @TaskLocal static var execution: AsyncExecution?

    /// The execution of the calling task when it runs under the checker on its driver thread.
    static var controlled: AsyncExecution? {
        guard let execution, execution.isOnDriver else { return nil }
        return execution
    }
}
