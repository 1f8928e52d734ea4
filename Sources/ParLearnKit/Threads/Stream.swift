import Synchronization

/// One independent schedule stream: a strategy, a pool of worker OS threads pinned to one
/// core, and the crash-record slot that mirrors its running execution.
final class Stream: @unchecked Sendable {
    // @unchecked: `strategy` and the pool are used by the stream's driver between executions
    // and by its one running controlled thread during one; the hand-offs order them, so the
    // strategy (asked at every decision) and the pool skip dynamic exclusivity checks.
    let core: Int?
    @exclusivity(unchecked) var strategy: any SchedulingStrategy
    /// Step mode: executions stop at this decision and describe their state.
    var pauseAt: Int?
    let driverParker = Parker()
    /// Decisions made so far; the watchdog sees a stream that stopped counting.
    let progress = Synchronization.Atomic<Int>(0)
    let slot: UnsafeMutablePointer<CrashRecords.Slot>
    @exclusivity(unchecked) private var idle: [Worker] = []
    /// The execution running now, for the watchdog.
    private(set) var current: Execution?
    /// Set while an execution runs; read by the watchdog from another thread.
    let busy = Synchronization.Atomic<Bool>(false)
    /// The kernel id of the driver thread running executions, for the watchdog's slot.
    private(set) var driverTid: Int32 = 0

    init(strategy: any SchedulingStrategy, core: Int?) {
        self.strategy = strategy
        self.core = core
        slot = CrashRecords.acquireSlot()
    }

    func takeWorker() -> Worker {
        idle.popLast() ?? Worker.start(core: core)
    }

    func giveBack(_ worker: Worker) { idle.append(worker) }

    /// Wakes the driver. The watchdog watches the driver from now on: the thread that hands
    /// over parks or exits, and a driver that waits for a core on a loaded machine must not
    /// make it look blocked.
    func wakeDriver() {
        slot.pointee.tid = driverTid
        driverParker.unpark()
    }

    func nameThread(_ id: Int, _ name: String) { CrashRecords.setName(name, column: id, in: slot) }

    /// Runs execution `index` of the strategy on this stream (call from the stream's driver
    /// thread). Nil when the strategy has nothing left.
    func run(index: Int, recorder: Recorder? = nil, body: @escaping () -> Void) -> ExecutionResult? {
        guard strategy.beginExecution(index: index) else { return nil }
        let execution = Execution(stream: self, index: index, recorder: recorder)
        current = execution
        slot.pointee.count = 0
        slot.pointee.active = 1
        driverTid = OSThread.currentTid
        slot.pointee.tid = driverTid
        busy.store(true, ordering: .releasing)
        if let root = execution.makeThread(name: "main", body: body) {
            execution.start(root: root)
        }
        busy.store(false, ordering: .releasing)
        slot.pointee.active = 0
        let finding = execution.finding
        strategy.endExecution(failed: finding != nil)
        let result = ExecutionResult(
            index: index, choices: execution.choices, preemptions: execution.preemptions,
            finding: finding, latent: execution.latent, strategy: strategy.name,
            threads: execution.threadNames, divergence: strategy.divergence,
            paused: execution.paused, observed: execution.observed, background: execution.backgroundLeft)
        current = nil
        execution.tearDown()
        return result
    }

    /// Ends the idle OS threads and frees the slot (the stream is done).
    func shutDown() {
        for worker in idle { worker.stop() }
        idle.removeAll()
        CrashRecords.releaseSlot(slot)
    }
}

/// What one execution did, without its live objects.
struct ExecutionResult {
    var index: Int
    var choices: [Int]
    var preemptions: Int
    var finding: Finding?
    var latent: Finding?
    var strategy: String
    var threads: [String]
    var divergence: String?
    var paused: PausedState?
    var observed: ObservedOutcome?
    /// Background threads still running when the others had finished.
    var background: [String] = []

    /// The finding the report is about: a concrete one first.
    var bug: Finding? { finding ?? latent }
}
