import ParLearnKit
import XCTest

@testable import WorkbookCore

final class RenderingReportTests: XCTestCase {
    private let file = "/home/learner/chapters/01-threads/racy.swift"

    private var lostUpdate: ScenarioReport {
        ScenarioReport(
            scenario: "lost update", engine: .threads, verdict: .bug, kind: .invariant,
            message: "counter is 1, expected 2", schedule: "T0.1.0.1", seed: 42, strategy: "portfolio/pct(d=2)",
            schedulesRun: 37, failuresSeen: 5, preemptions: 1, threads: ["T1", "T2"],
            trace: [
                TraceStep(thread: 0, operation: "read counter", file: file, line: 5, value: "0"),
                TraceStep(thread: 1, operation: "read counter", file: file, line: 5, value: "0", contextSwitch: true),
                TraceStep(thread: 1, operation: "write counter", file: file, line: 5, value: "1"),
                TraceStep(thread: 0, operation: "write counter", file: file, line: 5, value: "1", contextSwitch: true),
            ],
            details: ["write by T1 at racy.swift:5 is unordered with read by T2 at racy.swift:5"],
            coverage: "each run finds a depth-2 bug with p ≥ 1/(n·k) = 1/(2·4)", elapsed: 0.25)
    }

    private var ring: ScenarioReport {
        let names = ["philosopher 1", "philosopher 2", "philosopher 3"]
        var trace: [TraceStep] = []
        for (index, fork) in ["fork1", "fork2", "fork3"].enumerated() {
            trace.append(TraceStep(thread: index, operation: "lock(\(fork))", file: "ring.swift", line: 10, contextSwitch: index > 0))
        }
        for (index, fork) in ["fork2", "fork3", "fork1"].enumerated() {
            trace.append(TraceStep(thread: index, operation: "lock(\(fork)) blocks", file: "ring.swift", line: 11, contextSwitch: true))
        }
        return ScenarioReport(
            scenario: "ring", engine: .threads, verdict: .bug, kind: .deadlock,
            message: "no thread can run: each waits for a fork", schedule: "T0.1.2.0.1.2", seed: 7, strategy: "dfs",
            schedulesRun: 12, failuresSeen: 1, preemptions: 2, threads: names, trace: trace,
            details: [
                "philosopher 1 waits for fork2, held by philosopher 2",
                "wait-for cycle: philosopher 1 → philosopher 2 → philosopher 3 → philosopher 1",
            ])
    }

    private var clean: ScenarioReport {
        ScenarioReport(
            scenario: "fixed counter", engine: .async, verdict: .clean, message: "the counter always reached 2.",
            seed: 1, strategy: "dfs", schedulesRun: 20, failuresSeen: 0,
            coverage: "all 20 interleavings with ≤ 2 preemptions explored")
    }

    private func render(_ report: ScenarioReport, width: Int, colour: Bool = false) -> [String] {
        ReportRenderer(theme: Theme(colour: colour), width: width, replayTarget: "01-threads/racy").render(report)
    }

    /// Replay commands must stay whole for copying, so only they may pass the edge.
    private func assertFits(_ lines: [String], _ width: Int, file: StaticString = #filePath, line: UInt = #line) {
        let wrapped = lines.filter { !DisplayWidth.stripANSI($0).hasPrefix("    parlearn replay") }
        RenderingCheck.assertClean(wrapped, width: width, file: file, line: line)
    }

    // MARK: Two threads

    func testTwoThreadTableAt80Columns() {
        XCTAssertEqual(render(lostUpdate, width: 80), """
            BUG in scenario "lost update": invariant failed
              counter is 1, expected 2

              step │ T1                            │ T2
              ─────┼───────────────────────────────┼──────────────────────────────
                 1 │ read counter: 0 racy.swift:5  │
               → 2 │                               │ read counter: 0 racy.swift:5
                 3 │                               │ write counter: 1 racy.swift:5
               → 4 │ write counter: 1 racy.swift:5 │
              → marks a context switch (1 preemption in this schedule).

              - write by T1 at racy.swift:5 is unordered with read by T2 at racy.swift:5

              Found by: portfolio/pct(d=2), seed 42, after 37 schedules (5 failed)
              Coverage: each run finds a depth-2 bug with p ≥ 1/(n·k) = 1/(2·4)
              Schedule: T0.1.0.1
              Replay:   parlearn replay 01-threads/racy T0.1.0.1 --scenario 'lost update'
            """.components(separatedBy: "\n"))
    }

    func testTwoThreadTableAt50ColumnsWrapsCells() {
        let lines = render(lostUpdate, width: 50)
        assertFits(lines, 50)
        XCTAssertEqual(Array(lines[3...9]), """
              step │ T1                  │ T2
              ─────┼─────────────────────┼────────────────────
                 1 │ read counter: 0     │
                   │ racy.swift:5        │
               → 2 │                     │ read counter: 0
                   │                     │ racy.swift:5
                 3 │                     │ write counter: 1
            """.components(separatedBy: "\n"))
    }

    // MARK: Three threads

    func testThreeThreadTableAt80Columns() {
        let lines = render(ring, width: 80)
        assertFits(lines, 80)
        XCTAssertEqual(Array(lines[3...7]), """
              step │ philosopher 1          │ philosopher 2          │ philosopher 3
              ─────┼────────────────────────┼────────────────────────┼──────────────────────
                 1 │ lock(fork1)            │                        │
                   │ ring.swift:10          │                        │
               → 2 │                        │ lock(fork2)            │
            """.components(separatedBy: "\n"))
    }

    func testThreeThreadsAt50ColumnsBecomeOneRowPerStep() {
        let lines = render(ring, width: 50)
        assertFits(lines, 50)
        XCTAssertEqual(Array(lines[3...11]), """
              step  thread         operation
              ────  ─────────────  ───────────────────────────
                 1  philosopher 1  lock(fork1) ring.swift:10
               → 2  philosopher 2  lock(fork2) ring.swift:10
               → 3  philosopher 3  lock(fork3) ring.swift:10
               → 4  philosopher 1  lock(fork2) blocks
                                   ring.swift:11
               → 5  philosopher 2  lock(fork3) blocks
                                   ring.swift:11
            """.components(separatedBy: "\n"))
        XCTAssertTrue(lines.contains("  - wait-for cycle: philosopher 1 → philosopher 2"), "details wrap with a hanging indent")
        XCTAssertTrue(lines.contains("    → philosopher 3 → philosopher 1"))
        XCTAssertEqual(Array(lines.suffix(3)), ["  Schedule: T0.1.2.0.1.2", "  Replay:", "    parlearn replay 01-threads/racy T0.1.2.0.1.2 --scenario ring"],
            "a command too long for the line moves to its own, unbroken")
    }

    func testEveryWidthStaysInBoundsAndPlainHasNoEscapes() {
        for width in [40, 50, 80, 120] {
            for report in [lostUpdate, ring, clean] {
                assertFits(render(report, width: width), width)
                assertFits(render(report, width: width, colour: true), width)
                RenderingCheck.assertNoEscapes(render(report, width: width))
            }
        }
    }

    func testNarrowestWidthKeepsEveryStep() {
        let lines = render(ring, width: TerminalWidth.minimum)
        assertFits(lines, TerminalWidth.minimum)
        for step in 1...6 {
            XCTAssertTrue(lines.contains { $0.hasPrefix(step == 1 ? "     1 " : "   → \(step) ") }, "step \(step)\n" + lines.joined(separator: "\n"))
        }
    }

    func testColourMarksVerdictAndSwitches() {
        let bug = render(lostUpdate, width: 80, colour: true)
        XCTAssertTrue(bug[0].hasPrefix("\u{1B}[1;31mBUG\u{1B}[0m"), bug[0])
        XCTAssertEqual(bug.filter { $0.contains("\u{1B}[33m→\u{1B}[0m") }.count, 3, "two switched steps and the legend")
        XCTAssertEqual(bug.map(DisplayWidth.stripANSI), render(lostUpdate, width: 80).map { $0.replacingOccurrences(of: "- write", with: "• write") })
        XCTAssertTrue(render(clean, width: 80, colour: true)[0].hasPrefix("\u{1B}[1;32mCLEAN\u{1B}[0m"))
    }

    // MARK: Other shapes

    func testCleanScenario() {
        XCTAssertEqual(render(clean, width: 80), """
            CLEAN scenario "fixed counter"
              the counter always reached 2.
              20 schedules explored, no failure. A pass is not a proof.
              Coverage: all 20 interleavings with ≤ 2 preemptions explored
              Strategy: dfs, seed 1
            """.components(separatedBy: "\n"))
    }

    func testSingleThreadAndUnnamedThreadsUseTheList() {
        var report = lostUpdate
        report.threads = []
        report.trace = [TraceStep(thread: 0, operation: "spin", value: nil), TraceStep(thread: 1, operation: "spin", line: 9, contextSwitch: true)]
        let lines = render(report, width: 80)
        XCTAssertTrue(lines.contains("  step │ T0   │ T1"), lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains("   → 2 │      │ spin line 9"))
        report.trace = [TraceStep(thread: 0, operation: "spin forever", file: "a.swift", line: 3)]
        report.preemptions = nil
        let single = render(report, width: 80)
        XCTAssertTrue(single.contains("  step  thread  operation"), single.joined(separator: "\n"))
        XCTAssertFalse(single.contains { $0.contains("context switch") }, "no legend without switches")
    }

    func testBugWithoutTraceOrSchedule() {
        var report = lostUpdate
        report.kind = .uncontrolled
        report.trace = []
        report.schedule = nil
        let lines = render(report, width: 80)
        XCTAssertEqual(lines[0], "BUG in scenario \"lost update\": blocked outside the checker's control")
        XCTAssertFalse(lines.contains { $0.contains("step") || $0.contains("Replay") })
    }

    func testActorIsShownWithTheStep() {
        var report = lostUpdate
        report.trace = [TraceStep(thread: 0, operation: "await bank.withdraw", file: "bank.swift", line: 3, actor: "Bank")]
        XCTAssertTrue(render(report, width: 80).contains("     1 │ await bank.withdraw bank.swift:3 on Bank │"))
    }

    func testProgramReportSummarisesScenarios() {
        let report = ProgramReport(nonce: "n", complete: true, scenarios: [lostUpdate, clean])
        let lines = ReportRenderer(theme: .plain, width: 80, replayTarget: "01-threads/racy").render(report)
        XCTAssertEqual(lines.last, "2 scenarios: 1 with a bug, 1 clean.")
        XCTAssertTrue(lines.contains("  Replay:   parlearn replay 01-threads/racy T0.1.0.1 --scenario 'lost update'"))
        XCTAssertTrue(lines.contains("CLEAN scenario \"fixed counter\""))
        let incomplete = ReportRenderer(theme: .plain, width: 80).render(ProgramReport(nonce: nil, complete: false, scenarios: []))
        XCTAssertEqual(incomplete, [
            "The program stopped before every scenario finished: the report is incomplete.",
            "No scenario ran: declare one with scenario(\"name\") { … }.",
        ])
        XCTAssertFalse(ReportRenderer(theme: .plain, width: 80).render(lostUpdate).contains { $0.contains("Replay") }, "no target, no command")
    }

    func testEveryKindHasWords() {
        let phrases = Set(BugKind.allCases.map(ReportRenderer.describe))
        XCTAssertEqual(phrases.count, BugKind.allCases.count)
    }
}
