import XCTest
import ParLearnKit

/// One pool API over threads, processes and isolates (issue 11): a learner's program, compiled
/// against the kit, runs the same code on each kind, swapped by one argument, in plain mode and
/// under the process engine's explorer.
final class PoolKindSwapTests: XCTestCase {
    private static let program = """
        import ParLearnKit

        // Top level, before the first pool: a worker process finds its jobs here by name.
        let square = EntryPoint("square") { (n: Int) in n * n }
        nonisolated(unsafe) var rate = 1   // set by each pool's initializer, in whatever process it runs
        let setRate = EntryPoint("set rate") { (r: Int) in rate = r }
        let scaled = EntryPoint("scaled") { (n: Int) in n * rate }
        struct Refused: Error {}
        let refuse = EntryPoint("refuse") { (n: Int) -> Int in if n == 2 { throw Refused() }; return n }
        let closure = WorkFunction("closure") { (n: Int) in n }

        /// The code a learner writes once; `kind` is the one argument that changes.
        func squares(on kind: PoolKind) -> String {
            let pool = WorkerPool(kind, workers: 2)
            defer { pool.shutdown() }
            do { return "\\(try pool.map(square, Array(1...6)))" } catch { return "error: \\(error)" }
        }

        func scaledByTheInitializer(on kind: PoolKind) -> String {
            let pool = WorkerPool(kind, workers: 2, initializer: setRate, initialInput: 3)
            defer { pool.shutdown() }
            do { return "\\(try pool.map(scaled, [1, 2, 3]))" } catch { return "error: \\(error)" }
        }

        /// Shutdown with jobs queued: each still runs, once; later work is refused.
        func shutdownWithQueuedJobs(on kind: PoolKind) -> String {
            let pool = WorkerPool(kind, workers: 2)
            let futures = (1...8).map { pool.submit(square, $0) }
            pool.shutdown()
            let values = futures.map { (try? $0.value()).map(String.init) ?? "lost" }
            let late = pool.submit(square, 9).result()
            return values.joined(separator: " ") + " / " + (late.failureValue.map { "\\($0)" } ?? "ran after shutdown")
        }

        func oneFailedJob(on kind: PoolKind) -> String {
            let pool = WorkerPool(kind, workers: 2)
            defer { pool.shutdown() }
            return [1, 2, 3].map { n in
                switch pool.submit(refuse, n).result() {
                case .success(let v): "\\(v)"
                case .failure: "failed"
                }
            }.joined(separator: " ")
        }

        extension Result { var failureValue: Failure? { if case .failure(let f) = self { f } else { nil } } }

        processScenario("every kind") {
            for kind in PoolKind.allCases {
                let got = squares(on: kind)
                check(got == "[1, 4, 9, 16, 25, 36]", "\\(kind) pool returned \\(got)")
            }
        }

        if CommandLine.arguments.dropFirst().first == "plain" {
            for kind in PoolKind.allCases {
                print(kind, squares(on: kind), scaledByTheInitializer(on: kind), shutdownWithQueuedJobs(on: kind),
                      oneFailedJob(on: kind), separator: " | ")
            }
            let processes = WorkerPool(.processes, workers: 1)
            print(processes.submit(closure, 1).result().failureValue.map { "\\($0)" } ?? "a closure ran in a process")
            processes.shutdown()
        }
        """

    private static let binary: Result<String, XCTSkip> = KitProgram.compile(program, name: "pool-kind-swap")

    func testSwappingTheKindGivesTheSameResults() throws {
        let lines = try KitProgram.output(of: Self.binary.get(), ["plain"], env: [:]).split(separator: "\n")
        XCTAssertEqual(lines.count, 4, "\(lines)")
        let same = "[1, 4, 9, 16, 25, 36] | [3, 6, 9] | 1 4 9 16 25 36 49 64 / the pool is closed: it takes no more work"
            + " | 1 failed 3"
        for (line, kind) in zip(lines, PoolKind.allCases) {
            XCTAssertEqual(String(line), "\(kind) | \(same)")
        }
        XCTAssertEqual(lines.last.map(String.init), "closure is a WorkFunction, which a pool of processes cannot send to "
                       + "another process: declare it at the top level as an EntryPoint, whose name every worker "
                       + "process finds it by")
    }

    /// The same learner code on all three kinds inside a scenario the process engine explores.
    func testSwappingTheKindGivesTheSameResultsUnderTheChecker() throws {
        let path = NSTemporaryDirectory() + "parlearn-pool-swap-\(getpid())-\(UUID().uuidString).json"
        defer { try? FileManager.default.removeItem(atPath: path) }
        KitProgram.run(try Self.binary.get(), [], env: [
            "PARLEARN_MODE": "explore", "PARLEARN_SCENARIO": "every kind", "PARLEARN_REPORT": path,
            "PARLEARN_SEED": "4", "PARLEARN_SCHEDULES": "10",
        ])
        let report = try XCTUnwrap(ProgramReport.decode(Data(contentsOf: URL(fileURLWithPath: path))).scenarios.first)
        XCTAssertEqual(report.engine, .processes)
        XCTAssertEqual(report.verdict, .clean, "\(report.message) \(report.details)")
        XCTAssertEqual(report.schedulesRun, 10)
    }
}
