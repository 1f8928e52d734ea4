import Glibc

/// One schedule being run: the controlled threads, the decisions, and what the detectors saw.
///
/// Exactly one controlled thread runs at a time. When it reaches a scheduling point (before
/// each primitive operation) it calls ``point(waitingFor:)``, which asks the stream's strategy
/// for the next thread among the runnable ones and hands the CPU over with a semaphore. The
/// decision code therefore runs on the controlled threads themselves, never on a separate
/// scheduler thread, and a step that keeps the current thread costs no context switch.
final class Execution: InvariantSink, @unchecked Sendable {
    // @unchecked: all state is touched only by the one running controlled thread or by the
    // stream's driver while no controlled thread runs; semaphore hand-offs order the accesses.
    // The state every decision touches skips dynamic exclusivity checks (with ARC, most of a
    // decision's cost): one thread at a time uses it, and no access spans a hand-off.

    /// Decisions after which a schedule in which threads keep giving way (spinning, yielding)
    /// is a livelock: fairness let every thread run and none got anywhere. Learner scenarios
    /// make a few hundred steps.
    static let livelockSteps = 20_000
    /// Decisions allowed per execution; a schedule that reaches it without spinning is at a
    /// limit of the checker (an endless loop, or a scenario longer than the checker explores).
    static let stepLimit = 200_000
    /// Controlled threads per execution (SCTBench has programs with 100 workers); the crash
    /// record keeps an id in a byte.
    static let threadLimit = 250

    /// Unsafe-unowned: the stream makes, runs and tears down its executions, so it outlives
    /// them; a checked reference would cost a strong retain at each of a decision's uses.
    unowned(unsafe) let stream: Stream
    let index: Int
    let recorder: Recorder?
    @exclusivity(unchecked) private(set) var threads: [ControlledThread] = []
    /// The controlled thread that holds the CPU.
    @exclusivity(unchecked) private(set) var running: ControlledThread?
    @exclusivity(unchecked) private(set) var steps = 0
    @exclusivity(unchecked) private(set) var preemptions = 0
    /// The first concrete failure; the execution stops there.
    private(set) var finding: Finding?
    /// The first data race or lock-order inversion; the execution goes on.
    private(set) var latent: Finding?
    private(set) var ended = false
    var lockOrder = LockOrderGraph()
    /// This schedule's copies of process-wide globals and of the main isolate's state.
    let isolation = IsolationState()
    @exclusivity(unchecked) private var runnable: [Int] = []
    /// Step mode: the decision at which the execution stops and describes itself.
    let pauseAt: Int?
    /// Step mode: the state at ``pauseAt``, once reached.
    private(set) var paused: PausedState?
    /// Step mode: the primitives to show, each describing itself (nil once it is gone).
    private var watched: [(Execution) -> PrimitiveState?] = []
    /// The last `outcome(_:)` of this execution, with the scenario's annotations.
    var observed: ObservedOutcome?
    /// The step count when a thread last gave way, for telling a livelock from a long run.
    @exclusivity(unchecked) private var lastGaveWay = -1
    /// Background threads still running when the other threads had all finished.
    private(set) var backgroundLeft: [String] = []

    init(stream: Stream, index: Int, recorder: Recorder?) {
        self.stream = stream
        self.index = index
        self.recorder = recorder
        pauseAt = stream.pauseAt
    }

    // MARK: Threads

    /// Creates a controlled thread; nil (and the execution ends) past the thread limit.
    func makeThread(name: String, background: Bool = false, body: @escaping () -> Void) -> ControlledThread? {
        guard threads.count < Self.threadLimit else {
            fail(.threadLimit(limit: Self.threadLimit))
            return nil
        }
        let thread = ControlledThread(id: threads.count, name: name, background: background, execution: self,
                                      body: body)
        threads.append(thread)
        stream.nameThread(thread.id, name)
        return thread
    }

    /// Runs `child` up to its first scheduling point (or its end) on a pooled OS thread while
    /// `starter` (nil: the driver) waits. Spawning is not a scheduling point: the new thread only
    /// becomes a candidate for the next decision.
    func prerun(_ child: ControlledThread, from starter: ControlledThread?) {
        child.starter = starter
        let worker = stream.takeWorker()
        child.worker = worker
        worker.assignment = child
        transfer(to: child)
        if let starter { sleep(starter) } else { stream.driverParker.park() }
    }

    /// Parks `me` until it is chosen. If its execution ended meanwhile (a failure elsewhere,
    /// or only background threads were left), its OS thread exits instead: learner code on
    /// its stack cannot be unwound, so that stack is dropped (its objects leak, a few bytes).
    private func sleep(_ me: ControlledThread) {
        me.worker.parker.park()
        if me.worker.retired { OSThread.exitCurrent() }
    }

    /// The body of a controlled thread, on its worker.
    func run(_ thread: ControlledThread) {
        ControlledThread.setCurrent(thread)
        CurrentExecution.sink = self
        let body = thread.body
        thread.body = nil
        body?()
        ControlledThread.setCurrent(nil)
        CurrentExecution.sink = nil
        finish(thread)
    }

    private func finish(_ thread: ControlledThread) {
        thread.finished = true
        thread.held.removeAll()
        stream.giveBack(thread.worker)
        if thread.prerunning {
            thread.prerunning = false
            handBack(thread)
        } else {
            decide(from: nil)
        }
    }

    /// Hands the CPU back to whoever pre-ran `thread`.
    private func handBack(_ thread: ControlledThread) {
        if let starter = thread.starter { transfer(to: starter) } else { stream.wakeDriver() }
    }

    private func transfer(to thread: ControlledThread) {
        running = thread
        stream.slot.pointee.tid = thread.worker.tid
        stream.slot.pointee.running = Int32(thread.id)
        thread.worker.parker.unpark()
    }

    // MARK: Scheduling points

    /// A scheduling point of the running thread before an operation that may proceed when
    /// `blocker` allows it (nil: at once). Returns the thread once it is chosen and allowed.
    /// `operation` says what the thread will do ("read hits"); only step mode evaluates it.
    @discardableResult
    func point(_ operation: @autoclosure () -> String, waitingFor blocker: Blocker? = nil) -> ControlledThread {
        guard let me = ControlledThread.current, me === running else {
            // Not one of ours: a Thread, Dispatch queue or Task touching a primitive of this
            // execution would corrupt the schedule, so stop with a message (and a crash record).
            fatalError("parlearn: a primitive of this scenario was used from a thread the checker does not control (Thread, DispatchQueue or Task?); start threads with spawn")
        }
        me.waitingFor = blocker
        if pauseAt != nil {
            me.pending = operation()
            me.waitingFrames = SourceLocator.callers()
        } else if recorder != nil, blocker != nil {
            me.waitingFrames = SourceLocator.callers()
        }
        if me.prerunning {
            me.prerunning = false
            handBack(me)
            sleep(me)
        } else {
            decide(from: me)
        }
        me.waitingFor = nil
        return me
    }

    /// Starts the execution from the driver: pre-runs the root thread and makes the first
    /// decision, then waits until the execution ends.
    func start(root: ControlledThread) {
        prerun(root, from: nil)
        // The root may have ended the execution before its first point (a failed check, the
        // thread limit); then the wake-up the driver just took was the end.
        guard !ended else { return }
        // The root is the running thread here: choosing another one while it could go on is
        // a preemption (CHESS), even though the driver, not the root, makes the call.
        decide(from: nil, previous: root)
        stream.driverParker.park()
    }

    /// Picks the next thread and switches to it. `me` is the thread that reached a point and
    /// parks if another is chosen, nil when it finished (or on the driver's first decision).
    /// `previous` is the thread that made the last step: switching away from it while it is
    /// still runnable is a preemption; a switch because it blocked or finished is not.
    private func decide(from me: ControlledThread?, previous: ControlledThread? = nil) {
        stream.progress.add(1, ordering: .relaxed)
        runnable.removeAll(keepingCapacity: true)
        var foreground = false
        var givingWay = false
        for i in threads.indices {
            // Unsafe-unowned: `threads` keeps every thread alive; this loop runs at every
            // decision, and a strong reference here would retain and release each thread.
            unowned(unsafe) let t = threads[i]
            guard !t.finished else { continue }
            if !t.background { foreground = true }
            if t.waitingFor?.allows(t) ?? true {
                runnable.append(t.id)
                if t.gaveWayAt >= 0 { givingWay = true }
            }
        }
        if runnable.isEmpty && foreground && closeIdleWorkers() {
            for t in threads where !t.finished && t.waitingFor?.allows(t) ?? true { runnable.append(t.id) }
        }
        guard foreground, !runnable.isEmpty else {
            if foreground {
                let blocked = blockedThreads()
                for b in blocked {
                    recorder?.record(thread: b.thread, operation: "blocked: waits for \(b.waitsFor)", value: nil,
                                     frames: threads[b.thread].waitingFrames)
                }
                fail(.deadlock(blocked))
            } else {
                backgroundLeft = threads.filter { !$0.finished }.map(\.name)
                end()
            }
            if let me { abandon(me) }
            return
        }
        if steps >= Self.livelockSteps, lastGaveWay >= steps - 1000 || steps >= Self.stepLimit {
            fail(lastGaveWay >= steps - 1000 ? .livelock(steps: steps, spinners: spinners(), cycle: cycle())
                                             : .stepLimit(limit: Self.stepLimit))
            if let me { abandon(me) }
            return
        }
        if steps == pauseAt {
            pause()
            if let me { abandon(me) }
            return
        }
        if givingWay { offerFairly() }
        let last = (me ?? previous)?.id
        let current = last.flatMap { runnable.contains($0) ? $0 : nil }
        let next = stream.strategy.choose(runnable: runnable, current: current)
        if let current, next != current { preemptions += 1 }
        unowned(unsafe) let chosen = threads[next]  // kept alive by `threads`, as above
        chosen.lastChosen = steps
        let slot = stream.slot
        slot.pointee.choices[steps] = UInt8(next)
        steps += 1
        slot.pointee.count = steps
        if next == me?.id { return }
        transfer(to: chosen)
        if let me { sleep(me) }
    }

    /// When every unfinished thread is an isolate waiting for work, the program is done with
    /// them: closes their mailboxes so they finish, as a Python interpreter is closed at exit.
    /// False if some thread waits for anything else (a real deadlock).
    private func closeIdleWorkers() -> Bool {
        let waiting = threads.filter { !$0.finished }.map { ($0.waitingFor as? Gate)?.closeWhenIdle }
        guard waiting.allSatisfy({ $0 != nil }) else { return false }
        for close in waiting { close?() }
        return true
    }

    // MARK: Fairness

    /// The running thread gives way (CHESS's good samaritan): from its next scheduling point it
    /// is not offered until every other runnable thread has been chosen, and the switch away
    /// from it is not a preemption.
    func giveWay(_ me: ControlledThread) {
        me.gaveWayAt = steps
        lastGaveWay = steps
    }

    /// Removes from `runnable` the threads that gave way and still owe a turn to another
    /// runnable thread; a thread whose debt is paid is offered again.
    private func offerFairly() {
        let all = runnable
        runnable.removeAll { id in
            let t = threads[id]
            guard t.gaveWayAt >= 0 else { return false }
            if all.contains(where: { $0 != id && threads[$0].lastChosen < t.gaveWayAt }) { return true }
            t.gaveWayAt = -1
            return false
        }
        // Two threads cannot owe each other (the one that gave way later has run since the
        // other gave way), so someone is always left; this only guards the invariant.
        if runnable.isEmpty { runnable = all }
    }

    /// The schedule so far: the id chosen at each step.
    var choices: [Int] {
        (0..<steps).map { Int(stream.slot.pointee.choices[$0]) }
    }

    // MARK: Step mode

    /// Adds a primitive to the shared state step mode shows; a no-op outside step mode.
    func watch(_ describe: @escaping (Execution) -> PrimitiveState?) {
        if pauseAt != nil { watched.append(describe) }
    }

    /// The threads blocked on `blocker`, by name.
    func waiters(for blocker: Blocker) -> [String] {
        threads.filter { !$0.finished && $0.waitingFor === blocker && !blocker.allows($0) }.map(\.name)
    }

    /// Describes every thread and primitive, then ends the execution without choosing.
    private func pause() {
        let pending = threads.map { t -> PausedState.Thread in
            let status: PendingThread.Status = t.finished ? .finished : runnable.contains(t.id) ? .runnable : .blocked
            let blocked = status == .blocked
            return PausedState.Thread(
                info: PendingThread(id: t.id, name: t.name, status: status, operation: t.finished ? nil : t.pending,
                                    waitsFor: blocked ? t.waitingFor?.waitDescription : nil,
                                    heldBy: blocked ? t.waitingFor?.holder.map(\.name) : nil),
                frames: t.finished ? [] : t.waitingFrames)
        }
        paused = PausedState(threads: pending, shared: watched.compactMap { $0(self) })
        end()
    }

    // MARK: Ending

    /// Records a concrete failure and ends the execution; the caller's thread must then stop.
    private func fail(_ finding: Finding) {
        if self.finding == nil { self.finding = finding }
        end()
    }

    func noteLatent(_ finding: Finding) {
        if latent == nil { latent = finding }
    }

    /// Ends the execution: the threads still parked (deadlocked, waiting behind a failure, or
    /// in the background) are woken to end their OS threads, then the driver goes on.
    private func end() {
        guard !ended else { return }
        ended = true
        for t in threads where !t.finished && t !== running {
            t.worker.retired = true
            t.worker.parker.unpark()
        }
        stream.wakeDriver()
    }

    /// Ends the OS thread of the running thread once its execution has ended: the learner code
    /// on its stack cannot be unwound, so the stack is dropped.
    func abandon(_ me: ControlledThread) -> Never {
        me.worker.retired = true
        OSThread.exitCurrent()
    }

    /// Drops the references that keep learner closures and their primitives alive.
    func tearDown() {
        for t in threads { t.body = nil; t.starter = nil; t.result = nil }
        threads.removeAll()
        running = nil
    }

    // MARK: InvariantSink

    func invariantFailed(message: String, file: String, line: Int) {
        let me = running!
        recorder?.record(thread: me.id, operation: "check failed", value: message, file: file, line: line)
        fail(.invariant(message: message, file: file, line: line, thread: me.id))
        abandon(me)
    }

    // MARK: Tracing

    /// Records a trace step in the trace-recording run; returns its index there.
    @discardableResult
    func trace(_ thread: ControlledThread, _ operation: @autoclosure () -> String,
               _ value: @autoclosure () -> String? = nil) -> Int? {
        guard let recorder else { return nil }
        return recorder.record(thread: thread.id, operation: operation(), value: value())
    }

    var threadNames: [String] { threads.map(\.name) }

    // MARK: Diagnosis

    private func blockedThreads() -> [BlockedThread] {
        threads.filter { !$0.finished }.map { t in
            BlockedThread(thread: t.id, waitsFor: t.waitingFor?.waitDescription ?? "nothing",
                          holder: t.waitingFor?.holder?.id, holderOwns: !(t.waitingFor is ControlledThread))
        }
    }

    /// The threads that made most of the last 1,000 steps: the ones spinning.
    private func spinners() -> [Int] {
        var counts: [Int: Int] = [:]
        for i in max(0, steps - 1000)..<steps { counts[Int(stream.slot.pointee.choices[i]), default: 0] += 1 }
        let top = counts.values.max() ?? 0
        return counts.filter { $0.value * 4 >= top }.keys.sorted()
    }

    /// The turns that repeat at the end of a livelocked schedule (see `Finding.repeatingTurns`).
    private func cycle() -> [Int] {
        Finding.repeatingTurns(in: (max(0, steps - 1000)..<steps).map { Int(stream.slot.pointee.choices[$0]) })
    }
}
