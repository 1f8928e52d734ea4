import XCTest
import Glibc
import Synchronization
@testable import ParLearnKit

/// Verdicts that do not depend on load, and an engine that does not starve the machine.
final class ThreadsLoadTests: XCTestCase {
    /// While an explore runs on both cores (2 streams, about 4 s), `sleep 0.25` started beside
    /// it must take at most 0.5 s: the terminal and Ctrl-C must still get through. The median
    /// of 5 is taken so that one unlucky start on a shared CI machine does not decide.
    func testAnExploreDoesNotStarveOtherProcesses() throws {
        let request = RunRequest(mode: .explore, strategy: .random, schedules: 10_000_000, seed: 0, timeBudget: 4)
        let finished = expectation(description: "explore")
        Thread.detachNewThread {
            _ = ThreadExplorer.explore(request: request, settings: .init(streams: 2, sourceLines: false),
                                       body: Canary.lostUpdateFixed)
            finished.fulfill()
        }
        usleep(500_000)  // let the streams get going
        var times: [Double] = []
        for _ in 0..<5 { times.append(try Self.timeSleep()) }
        wait(for: [finished], timeout: 60)
        let median = times.sorted()[2]
        print("sleep 0.25 during an explore: \(times.map { String(format: "%.3f", $0) }) s")
        XCTAssertLessThanOrEqual(median, 0.5, "\(times)")
    }

    /// The canaries (bug and fixed twin, 200 portfolio schedules, seed 5) give the same reports
    /// byte for byte, timings aside, alone and beside two processes that spin on the CPU.
    func testVerdictsAreTheSameBesideTwoCPUHogs() throws {
        func reports() -> [ScenarioReport] {
            Canary.allCases.flatMap { canary in
                [false, true].map { fixed in
                    var report = exploreThreads(canary.body(fixed: fixed), schedules: 200, seed: 5).report
                    report.elapsed = nil
                    return report
                }
            }
        }
        let alone = reports()
        let hogs = try (0..<2).map { _ in try Self.spawn("/bin/sh", "-c", "while :; do :; done") }
        defer {
            for hog in hogs {
                kill(hog, SIGKILL)
                var status: Int32 = 0
                waitpid(hog, &status, 0)
            }
        }
        let loaded = reports()
        XCTAssertEqual(alone.count, loaded.count)
        for (a, b) in zip(alone, loaded) { XCTAssertEqual(a, b, a.message) }
    }

    /// A driver that waits for a core is not a blocked thread. When an execution hands control
    /// back to its driver (after pre-running the root, and at its end), the thread that handed
    /// over parks; the watchdog must watch the driver from then on, or a driver delayed 1.5 s
    /// on a loaded machine makes the parked thread look blocked in something the checker
    /// cannot see (seen once in 1,000 loaded runs: a false `uncontrolled` for a spin lock).
    func testTheWatchdogWatchesTheDriverOnceControlIsBack() throws {
        let stream = Stream(strategy: RandomWalk(seed: 3), core: nil)
        defer { stream.shutDown() }
        for index in 0..<20 {
            let result = try XCTUnwrap(stream.run(index: index, body: Canary.lostUpdate.body(fixed: true)))
            XCTAssertNil(result.finding)
            XCTAssertEqual(stream.slot.pointee.tid, OSThread.currentTid, "execution \(index)")
        }
    }

    /// The watchdog's "blocked" verdict counts looks, not wall time, and never fires while
    /// another thread of the process can run: the sleeping thread may be waiting for that one,
    /// which on a loaded machine waits for a core. Once nothing else can run, it fires after
    /// `seconds / lookEvery` looks (here 5), however late the looks come.
    func testASleepingThreadIsBlockedOnlyWhenNothingElseCanRun() throws {
        final class Flags: Sendable {
            let sleeperTid = Synchronization.Atomic<Int32>(0)
            let stopSpinning = Synchronization.Atomic<Bool>(false)
        }
        let flags = Flags()
        let ready = Parker(), release = Parker(), spinnerDone = Parker()
        OSThread.start {
            flags.sleeperTid.store(OSThread.currentTid, ordering: .releasing)
            ready.unpark()
            release.park()
        }
        OSThread.start {
            while !flags.stopSpinning.load(ordering: .relaxed) {}
            spinnerDone.unpark()
        }
        defer { release.unpark() }
        ready.park()
        let tid = flags.sleeperTid.load(ordering: .acquiring)
        var stall = Stall(seconds: 0.05, lookEvery: 0.01)
        func look() -> Stall.State { stall.observe(progress: 7, busy: true, tid: tid) }
        XCTAssertEqual(look(), .moving)  // the first look only notes where things are
        for i in 0..<30 {
            usleep(10_000)
            XCTAssertEqual(look(), .moving, "look \(i) while another thread spins")
        }
        flags.stopSpinning.store(true, ordering: .relaxed)
        spinnerDone.park()
        var looks = 0
        while look() != .blocked && looks < 200 {
            looks += 1
            usleep(10_000)
        }
        XCTAssertGreaterThanOrEqual(looks, 4, "blocked after fewer looks than 0.05 s / 0.01 s")
        XCTAssertLessThan(looks, 200, "never blocked once nothing else could run")
    }

    /// Wall time of `/bin/sleep 0.25`, spawned with posix_spawn and reaped with waitpid.
    private static func timeSleep() throws -> Double {
        let start = Date()
        let pid = try spawn("/bin/sleep", "0.25")
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return Date().timeIntervalSince(start)
    }

    private static func spawn(_ words: String...) throws -> pid_t {
        var pid = pid_t()
        let args: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        defer { args.forEach { free($0) } }
        guard posix_spawn(&pid, words[0], nil, nil, args, environ) == 0 else { throw XCTSkip("cannot spawn \(words[0])") }
        return pid
    }
}
