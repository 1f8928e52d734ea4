import XCTest
@testable import WorkbookCore

/// The child-process runner, driven with /bin/sh so each case is fast and exact.
final class ChildProcessTests: XCTestCase {
    /// Runs `script` with /bin/sh; on `cpu` only, if given (through taskset).
    private func sh(_ script: String, timeout: Double = 10, limit: ChildProcess.Limit = .wallClock, cpu: Int? = nil,
                    grace: Double = 2, channel: ChildProcess.OutputChannel = .pipe, interruptAfter: Double? = nil,
                    secondInterruptAfter: Double? = nil) -> (RunStatus, String, [ChildProcess.Event]) {
        let pinning = cpu.map { ["/usr/bin/taskset", "-c", "\($0)"] } ?? []
        let words = pinning + ["/bin/sh", "-c", script]
        var child = ChildProcess(executable: words[0], arguments: Array(words.dropFirst()), timeout: timeout)
        child.limit = limit
        child.interruptGrace = grace
        child.output = channel
        var output = Data()
        var notices: [ChildProcess.Event] = []
        let start = ContinuousClock.now
        var sent = 0
        let status = child.run(interruptRequested: {
            let elapsed = ContinuousClock.now - start
            if sent == 0, let at = interruptAfter, elapsed > .seconds(at) { sent = 1; return true }
            if sent == 1, let at = secondInterruptAfter, elapsed > .seconds(at) { sent = 2; return true }
            return false
        }) { event in
            if case .output(let data) = event { output.append(data) } else { notices.append(event) }
        }
        return (status, String(decoding: output, as: UTF8.self), notices)
    }

    func testExitCodeAndMergedOutput() {
        let (status, output, _) = sh("echo out; echo err >&2; exit 3")
        XCTAssertEqual(status, .exited(3))
        XCTAssertEqual(status.summary, "exited 3")
        XCTAssertEqual(output, "out\nerr\n")
    }

    func testStdinIsDevNull() {
        let (status, output, _) = sh("if read line; then echo got; else echo eof; fi")
        XCTAssertEqual(status, .exited(0))
        XCTAssertEqual(output, "eof\n")
    }

    func testOwnProcessGroup() {
        let (_, output, _) = sh("ps -o pgid= -p $$; echo $$")
        let numbers = output.split(whereSeparator: \.isWhitespace).map(String.init)
        XCTAssertEqual(numbers.count, 2)
        XCTAssertEqual(numbers.first, numbers.last, "the child must lead its own process group")
    }

    func testCrashIsNamed() {
        let (status, _, _) = sh("kill -SEGV $$")
        XCTAssertEqual(status, .signaled(SIGSEGV))
        XCTAssertEqual(status.summary, "crashed with SIGSEGV (segmentation fault)")
    }

    func testTimeoutKillsAHang() {
        let start = ContinuousClock.now
        let (status, _, _) = sh("sleep 30", timeout: 0.5)
        XCTAssertEqual(status, .timedOut(0.5))
        XCTAssertEqual(RunStatus.timedOut(20).summary, "stopped after 20 s: it may be deadlocked or looping")
        XCTAssertLessThan(ContinuousClock.now - start, .seconds(5))
    }

    /// The own-time limit of checked runs, with three CPU hogs on the child's CPU (it gets at most
    /// a quarter of it): work that needs about 0.08 s of CPU finishes under a 0.2 s limit although
    /// it takes longer than 0.2 s of wall time; a spinner is stopped by its CPU time, a sleeper
    /// once nothing of it runs; a run starved past its wall-clock backstop ends as stalled.
    func testTheOwnTimeLimitDoesNotDependOnLoad() {
        let work = "i=0; while [ $i -lt 50000 ]; do i=$((i+1)); done; echo done"
        let limit = ChildProcess.Limit.ownTime(backstop: 60)
        let runs: [(String, Double, ChildProcess.Limit)] = [
            (work, 0.2, limit), ("while :; do :; done", 0.1, limit), ("sleep 30", 0.1, limit),
            ("while :; do :; done", 30, .ownTime(backstop: 1)),
        ]
        let results = CPULoad.withHogs(3) {
            runs.map { script, timeout, limit in
                let start = ContinuousClock.now
                let (status, output, _) = sh(script, timeout: timeout, limit: limit, cpu: CPULoad.cpu)
                return (status, output, ContinuousClock.now - start)
            }
        }
        XCTAssertEqual(results[0].0, .exited(0))
        XCTAssertEqual(results[0].1, "done\n")
        XCTAssertGreaterThan(results[0].2, .seconds(0.2), "the load must make the work outlast its limit in wall time")
        XCTAssertEqual(results[1].0, .timedOut(0.1))
        XCTAssertEqual(results[2].0, .timedOut(0.1))
        XCTAssertEqual(results[3].0, .stalled(1))
        XCTAssertTrue(results[3].0.summary.contains("too busy for a verdict"), results[3].0.summary)
    }

    func testCtrlCIsForwardedAsSIGINTToTheGroup() {
        let (status, _, notices) = sh("sleep 30 & sleep 30; wait", interruptAfter: 0.3)
        XCTAssertEqual(status, .interrupted(signal: SIGINT))
        XCTAssertEqual(notices, [.interruptSent])
    }

    func testIgnoredSIGINTEscalatesToSIGKILLAfterGrace() {
        let (status, _, notices) = sh("trap '' INT; while true; do sleep 0.05; done", grace: 0.5, interruptAfter: 0.3)
        XCTAssertEqual(status, .interrupted(signal: SIGKILL))
        XCTAssertEqual(notices, [.interruptSent, .killSent])
    }

    func testSecondCtrlCKillsAtOnce() {
        let start = ContinuousClock.now
        let (status, _, notices) = sh("trap '' INT; while true; do sleep 0.05; done", grace: 30, interruptAfter: 0.2, secondInterruptAfter: 0.5)
        XCTAssertEqual(status, .interrupted(signal: SIGKILL))
        XCTAssertEqual(notices, [.interruptSent, .killSent])
        XCTAssertLessThan(ContinuousClock.now - start, .seconds(10))
    }

    func testGrandchildrenDoNotOutliveTheRun() throws {
        let folder = TemporaryFolder()
        let pidFile = folder.url.appendingPathComponent("pid").path
        let (status, _, _) = sh("sleep 60 & echo $! > \(pidFile); exit 0")
        XCTAssertEqual(status, .exited(0))
        let pid = try XCTUnwrap(Int32(try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        usleep(100_000)
        // Reaped or a zombie of init: either way it no longer runs.
        let state = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8))?.split(separator: " ")[2]
        XCTAssertTrue(state == nil || state == "Z", "grandchild still running: \(state ?? "")")
    }

    /// A grandchild that left the run's process group with setsid, still running after the run.
    func testDescendantsThatCalledSetsidDoNotOutliveTheRun() throws {
        let folder = TemporaryFolder()
        let pidFile = folder.url.appendingPathComponent("pid").path
        // The grandchild starts its own session, then a great-grandchild of its own.
        let (status, _, _) = sh("setsid sh -c 'sleep 60 & echo $! > \(pidFile); wait' & sleep 0.3; exit 0")
        XCTAssertEqual(status, .exited(0))
        let pid = try XCTUnwrap(Int32(try String(contentsOfFile: pidFile, encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)))
        usleep(100_000)
        let state = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8))?.split(separator: " ")[2]
        XCTAssertTrue(state == nil || state == "Z", "escaped descendant still running: \(state ?? "")")
    }

    /// A file never makes the writer wait: 12 MB arrive whole, in order, whatever the reader does.
    func testFileOutputTakesAFloodWithoutBlockingTheWriter() {
        let (status, output, _) = sh("head -c 12000000 /dev/zero | tr '\\0' x; echo; echo end",
                                     channel: .file(limit: 64_000_000))
        XCTAssertEqual(status, .exited(0))
        XCTAssertEqual(output.utf8.count, 12_000_005)
        XCTAssertTrue(output.hasSuffix("x\nend\n"))
    }

    func testFileOutputPastTheLimitStopsTheProgram() {
        let (status, _, _) = sh("while true; do head -c 1000000 /dev/zero; done", channel: .file(limit: 5_000_000))
        XCTAssertEqual(status, .outputLimit(5_000_000))
        XCTAssertEqual(status.summary, "stopped after printing more than 5 MB")
    }

    /// A program that keeps allocating is stopped at its memory limit, with the limit named; the
    /// same program under no limit would take the machine's memory.
    func testResidentMemoryPastTheLimitStopsTheProgram() {
        // The shell holds the whole substitution in memory before it could print it.
        var child = ChildProcess(executable: "/bin/sh", arguments: ["-c", "x=$(yes 0123456789abcdef); echo ${#x}"],
                                 timeout: 30)
        child.memoryLimit = 200 << 20
        let status = child.run { _ in }
        XCTAssertEqual(status, .memoryLimit(200 << 20))
        XCTAssertEqual(status.summary, "stopped when it used more than 200 MiB of memory: it may be allocating without end")
    }

    func testMissingExecutable() {
        let status = ChildProcess(executable: "/nonexistent/prog", timeout: 5).run { _ in }
        guard case .failedToStart(let reason) = status else { return XCTFail("\(status)") }
        XCTAssertTrue(reason.contains("/nonexistent/prog"))
    }
}

final class OutputFilterTests: XCTestCase {
    func testControlBytesBecomeVisibleAndUTF8SurvivesSplits() {
        var filter = OutputFilter()
        let bytes = Array("é✓".utf8)
        XCTAssertEqual(filter.filter(Data([0x1b, 0x5b, 0x32, 0x4a, 0x07]) + Data(bytes[0..<1])), "^[[2J^G")
        XCTAssertEqual(filter.filter(Data(bytes[1...]) + Data([0xff, 0x0a])), "é✓\u{FFFD}\n")
    }

    func testHugeOutputIsCappedAndCounted() {
        var filter = OutputFilter(limit: 1000)
        var shown = 0
        for _ in 0..<100 { shown += filter.filter(Data(repeating: 0x41, count: 100_000)).utf8.count }
        XCTAssertEqual(shown, 1000)
        XCTAssertEqual(filter.droppedBytes, 10_000_000 - 1000)
        XCTAssertEqual(filter.truncationNote, "[output truncated: 9.5 MB more not shown]")
    }
}
