import Foundation
import Glibc
import Synchronization

/// The entry point of a stress program. The runner compiles a learner's plain Swift file, which
/// declares `func stress(thread: Int, of threads: Int)`, with a generated `main.swift` that calls
/// ``run(body:setUp:check:)``.
///
/// Each round releases N named threads ("T1"…"TN") together from a barrier; each spins a seeded,
/// random number of turns (the jitter that varies interleavings) and calls the body once. After
/// the round, thread T1 runs `check` (the learner's invariant: nil when it holds, else what is
/// wrong) and the next round's `setUp`. A failed check ends the run with exit status 1.
public enum StressHarness {
    /// Runs the request of this process and exits: 0 when every round finished, 1 when a check
    /// failed, 2 for a malformed request, 3 when the time budget ran out inside a round.
    public static func run(
        body: @escaping @Sendable (Int, Int) -> Void,
        setUp: (@Sendable () -> Void)? = nil, check: (@Sendable () -> String?)? = nil
    ) -> Never {
        let request = environmentRequest()
        let round = Round(request: request, body: body, setUp: setUp, check: check)
        finish(round.runAll(), request: request)
    }

    /// This process's request; a malformed one ends it with status 2.
    private static func environmentRequest() -> StressRequest {
        do {
            return try StressRequest(environment: ProcessInfo.processInfo.environment)
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            exit(2)
        }
    }

    /// Stresses a `scenario` of a program written for the checker: each iteration runs its body
    /// once on real threads (the ones it spawns), each of which starts after a seeded jitter,
    /// and a failed `check` ends the run as a failed `stressCheck()` would. Returns, without
    /// running anything, for every scenario but the requested one.
    static func runScenario(_ name: String, body: @escaping @Sendable () -> Void) {
        guard let wanted = ProcessInfo.processInfo.environment[StressRequest.Key.scenario.rawValue] else { return }
        guard wanted.isEmpty || wanted == name else { return }
        var request = environmentRequest()
        request.threads = 1
        let round = Round(request: request, body: { _, _ in
            scenarioRelease.store(0, ordering: .relaxed)
            body()
        }, setUp: nil, check: nil)
        round.scenario = name
        scenarioRound = round
        finish(round.runAll(), request: request)
    }

    /// Ends a stress run asked to stress `name`, which the stress engine cannot: it runs thread
    /// scenarios only. Returns when no stress run was asked for.
    static func refuseScenario(_ name: String, kind: String, instead: String) {
        guard let wanted = ProcessInfo.processInfo.environment[StressRequest.Key.scenario.rawValue],
              wanted.isEmpty || wanted == name else { return }
        let refusal = "stress runs thread scenarios only: \"\(name)\" is \(kind); \(instead)\n"
        FileHandle.standardError.write(Data(refusal.utf8))
        exit(2)
    }

    // nonisolated(unsafe): set once, before any scenario thread starts, in a stressed scenario.
    nonisolated(unsafe) private static var scenarioRound: Round?

    /// True in a process that stresses a scenario: `spawn` and `check` report to the harness.
    static var stressesScenario: Bool { scenarioRound != nil }

    /// A failed `check` in a stressed scenario: the run ends with it, named by its line.
    static func scenarioCheckFailed(_ message: String, file: String, line: Int) -> Never {
        let round = scenarioRound!
        var run = round.record(stuck: [], failedCheck: message)
        run.checkSite = "\(file):\(line)"
        finish(run, request: round.request)
    }

    /// When this iteration's spawned threads start their bodies (uptime nanoseconds; 0: none yet).
    private static let scenarioRelease = Atomic<UInt64>(0)
    /// How long after the first spawn of an iteration its threads start together: long enough
    /// for a scenario to start its threads, which would otherwise run one after another.
    private static let releaseDelay: UInt64 = 500_000

    /// Holds a thread that a stressed scenario spawns until the iteration's threads start
    /// together, as the barrier of a `stress(thread:of:)` round does, then spins a seeded delay
    /// drawn from the seed, the iteration and the thread's name, so runs vary the interleavings
    /// the same way.
    static func jitterSpawnedThread(named name: String) {
        guard let round = scenarioRound else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        let (first, earlier) = scenarioRelease.compareExchange(expected: 0, desired: now + releaseDelay,
                                                               ordering: .relaxed)
        let release = first ? now + releaseDelay : earlier
        while DispatchTime.now().uptimeNanoseconds < release {}
        guard round.request.jitter > 0 else { return }
        let iteration = round.finished.withLock { $0[0] }
        let nameKey = name.utf8.reduce(0) { $0 &* 31 &+ Int($1) }  // stable, unlike hashValue
        var random = SplitMix64(seed: round.request.seed, index: iteration &* 1_000_003 &+ nameKey)
        // A tenth of a round's jitter: a scenario's threads start together, and their critical
        // sections are a few steps long, so a longer delay would keep them apart.
        Round.spin(random.below(round.request.jitter / 10 + 1))
    }

    /// Writes the record (or a summary line when no runner reads it) and leaves. Threads stuck in
    /// learner code cannot be joined, so this exits without running their destructors.
    static func finish(_ result: StressRun, request: StressRequest) -> Never {
        if let path = request.reportPath, let data = try? JSONEncoder().encode(result) {
            try? data.write(to: URL(fileURLWithPath: path), options: .atomic)
        }
        if request.reportPath == nil {
            let gil = request.gil ? " under the simulated GIL" : ""
            print("stress: \(request.threads) threads × \(result.roundsCompleted) iterations\(gil) in "
                  + String(format: "%.3f s (CPU %.3f s)", result.wallSeconds, result.cpuSeconds))
            if let failed = result.failedCheck {
                print("stressCheck() failed after iteration \(result.roundsCompleted + 1): \(failed)")
            }
        }
        fflush(nil)
        _exit(result.failedCheck != nil ? 1 : result.complete ? 0 : 3)
    }

    /// One stress run's threads and their shared progress.
    private final class Round: @unchecked Sendable {  // @unchecked: fields are set before threads start
        let request: StressRequest
        let body: @Sendable (Int, Int) -> Void
        let setUp: (@Sendable () -> Void)?
        let check: (@Sendable () -> String?)?
        /// Two barriers, one to start and one to end each iteration. With only one, ThreadSanitizer
        /// (which models a barrier as one release-acquire object) lets a thread that laps ahead
        /// publish its writes to a slower thread still waking from the same barrier, hiding races.
        let start = UnsafeMutablePointer<pthread_barrier_t>.allocate(capacity: 1)
        let end = UnsafeMutablePointer<pthread_barrier_t>.allocate(capacity: 1)
        /// Rounds each thread has finished. Updated between barriers, so the lock orders nothing new.
        let finished: Synchronization.Mutex<[Int]>
        /// Seconds the round threads spent runnable but waiting for a core, added up; nil when the
        /// kernel does not say (no `/proc/thread-self/schedstat`).
        let waited = Synchronization.Mutex<Double?>(0)
        let done = DispatchSemaphore(value: 0)

        init(request: StressRequest, body: @escaping @Sendable (Int, Int) -> Void,
             setUp: (@Sendable () -> Void)?, check: (@Sendable () -> String?)?) {
            self.request = request
            self.body = body
            self.setUp = setUp
            self.check = check
            finished = Synchronization.Mutex(Array(repeating: 0, count: request.threads))
            pthread_barrier_init(start, nil, UInt32(request.threads))
            pthread_barrier_init(end, nil, UInt32(request.threads))
            gil = request.gil ? GlobalInterpreterLock.process ?? GlobalInterpreterLock() : nil
        }

        let gil: GlobalInterpreterLock?
        /// The stressed scenario; set before any thread starts.
        var scenario: String?
        let startCPU = Round.cpuSeconds()
        let startTime = ContinuousClock.now

        func runAll() -> StressRun {
            for thread in 0..<request.threads {
                OSThread.start { [self] in
                    OSThread.name("T\(thread + 1)")
                    loop(thread)
                    done.signal()
                }
            }
            var stuck: [String] = []
            let deadline = DispatchTime.now() + (request.timeBudget ?? .greatestFiniteMagnitude)
            for _ in 0..<request.threads where done.wait(timeout: deadline) == .timedOut {
                let counts = finished.withLock { $0 }
                let least = counts.min() ?? 0
                stuck = counts.indices.filter { counts[$0] == least }.map { "T\($0 + 1)" }
                break
            }
            return record(stuck: stuck, failedCheck: nil)
        }

        func record(stuck: [String], failedCheck: String?) -> StressRun {
            let wall = ContinuousClock.now - startTime
            var run = StressRun(
                nonce: request.nonce, complete: stuck.isEmpty && failedCheck == nil, threads: request.threads,
                iterations: request.iterations, roundsCompleted: finished.withLock { $0.min() ?? 0 },
                wallSeconds: Double(wall.components.seconds) + Double(wall.components.attoseconds) * 1e-18,
                cpuSeconds: Self.cpuSeconds() - startCPU, waitedSeconds: waited.withLock { $0 }, gil: request.gil,
                gilSwitches: gil?.switches, stuckThreads: stuck, failedCheck: failedCheck)
            run.scenario = scenario
            return run
        }

        private func loop(_ thread: Int) {
            let delayAtStart = Self.runDelay()
            defer {
                let delay = Self.runDelay()
                waited.withLock { total in
                    guard let before = delayAtStart, let delay, let sum = total else { return total = nil }
                    total = sum + delay - before
                }
            }
            var random = SplitMix64(seed: request.seed, index: thread)
            for iteration in 0..<request.iterations {
                if thread == 0 && iteration == 0 { setUp?() }
                pthread_barrier_wait(start)
                gil?.acquire()
                if request.jitter > 0 { Self.spin(random.below(request.jitter + 1)) }
                body(thread, request.threads)
                gil?.release()
                pthread_barrier_wait(end)
                if thread == 0 {
                    if let failed = check?() { StressHarness.finish(record(stuck: [], failedCheck: failed), request: request) }
                    if iteration + 1 < request.iterations { setUp?() }
                }
                finished.withLock { $0[thread] = iteration + 1 }
            }
        }

        /// Busy work the optimiser cannot remove: a seeded delay before the body.
        static func spin(_ turns: Int) {
            var x = 0
            for i in 0..<turns { x = x &+ i }
            withExtendedLifetime(x) {}
        }

        /// Seconds this thread has spent runnable but waiting for a core: the second field of
        /// `/proc/thread-self/schedstat`, in nanoseconds. It tells a busy machine from a program
        /// whose threads take turns: a thread blocked on a lock is not runnable.
        static func runDelay() -> Double? {
            guard let text = try? String(contentsOfFile: "/proc/thread-self/schedstat", encoding: .utf8) else {
                return nil
            }
            let fields = text.split(separator: " ")
            return fields.count > 1 ? Double(fields[1]).map { $0 / 1e9 } : nil
        }

        static func cpuSeconds() -> Double {
            var usage = rusage()
            getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
            return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
                + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1e-6
        }
    }
}
