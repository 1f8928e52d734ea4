import XCTest
import Glibc

/// The process API in plain mode: a program compiled against the kit starts real worker
/// processes (posix_spawn of itself); each test runs one case of it and reads its output.
final class ProcessesPlainTests: XCTestCase {
    private static let program = """
        import ParLearnKit
        import Foundation

        nonisolated(unsafe) var apiKey = "default"
        struct Job: Codable, Sendable { var bank: SharedMemory; var done: MessagePipe<String>; var times: Int }
        struct Garbage: Codable, Sendable { var pipe: MessagePipe<Int> }

        let square = EntryPoint("square") { (n: Int) in n * n }
        let crash = EntryPoint("crash") { (n: Int) -> Int in let empty: [Int] = []; return empty[n] }
        let exitWith = EntryPoint("exit") { (n: Int) -> Int in exit(Int32(n)) }
        let hang = EntryPoint("hang") { (n: Int) -> Int in while true { sleep(1) } }
        let whoAmI = EntryPoint("whoami") { (n: Int) in "\\(apiKey)-\\(n)" }
        let configure = EntryPoint("configure") { (key: String) in apiKey = key }
        let deposit = EntryPoint("deposit") { (job: Job) -> Int in
            for _ in 0..<job.times { job.bank.lock.withLock { job.bank[0] += 1 } }
            for _ in 0..<job.times { job.bank.wrappingAdd(1, at: 1) }
            try job.done.send("done")
            return job.times
        }
        let scribble = EntryPoint("scribble") { (g: Garbage) -> Int in
            let text = "hello, not a frame\\n"
            let fields = try JSONSerialization.jsonObject(with: JSONEncoder().encode(g.pipe)) as! [String: Any]
            let ends = (fields["endpoint"] as! [String: Any])["fds"] as! [String: Any]
            _ = text.withCString { write(Int32(ends["write"] as! Int), $0, strlen($0)) }
            return 0
        }

        func show(_ body: () throws -> Any) {
            do { print(try body()) } catch { print("error:", error) }
        }

        switch CommandLine.arguments.dropFirst().first ?? "" {
        case "join": show { try spawnProcess("W1", square, input: 7).join() }
        case "crash": show { try spawnProcess("W1", crash, input: 3).join() }
        case "exit": show { try spawnProcess("W1", exitWith, input: 3).join() }
        case "exit0": show { try spawnProcess("W1", exitWith, input: 0).join() }
        case "late":
            // The worker takes over at the first use of the process API, before this line.
            _ = try MessagePipe<Int>("first use")
            let late = EntryPoint("late") { (n: Int) in n }
            show { try spawnProcess("W1", late, input: 1).join() }
        case "decode":
            let pipe = try MessagePipe<String>("numbers")
            try pipe.send("seven")
            // The same pipe, read as a pipe of Int: what a worker declaring the wrong type sees.
            let numbers = try JSONDecoder().decode(MessagePipe<Int>.self, from: JSONEncoder().encode(pipe))
            show { try numbers.receive() }
        case "garbage":
            let pipe = try MessagePipe<Int>("numbers")
            show { try spawnProcess("W1", scribble, input: Garbage(pipe: pipe)).join() }
            show { try pipe.receive() }
        case "pool":
            let plain = try ProcessPool(workers: 2)
            // After the first use of the process API, so only the parent runs this line.
            apiKey = "set-in-parent"
            show { try plain.map(whoAmI, [1, 2]) }
            let configured = try ProcessPool(workers: 2, initializer: configure, initialInput: "tenant")
            show { try configured.map(whoAmI, [1, 2]) }
        case "pool-crash":
            let pool = try ProcessPool(workers: 2)
            let futures = try (1...6).map { try pool.submit(square, $0) }
            for f in futures { show { try f.result() } }
            pool.shutdown()
            show { try pool.submit(square, 1) }
        case "shared":
            let bank = try SharedMemory("bank", count: 2)
            let done = try MessagePipe<String>("done")
            let workers = try (1...2).map { try spawnProcess("A\\($0)", deposit, input: Job(bank: bank, done: done, times: 20_000)) }
            for w in workers { _ = try w.join() }
            print(try done.receive(), try done.receive(), bank[0], bank.load(at: 1))
        case "filelock":
            show { try FileLock(path: CommandLine.arguments[2]).withLock { "locked" } }
        case "hang":
            let worker = try spawnProcess("W1", hang, input: 0)
            print(worker.pid!)
            fflush(nil)
            _ = try worker.join()
        default: print("unknown case")
        }
        """

    private static let binary: Result<String, XCTSkip> = KitProgram.compile(program, name: "processes-plain")

    private func run(_ arguments: String..., env: [String: String] = [:]) throws -> String {
        try KitProgram.output(of: Self.binary.get(), arguments, env: env)
    }

    func testJoinReturnsTheWorkersResult() throws {
        XCTAssertEqual(try run("join"), "49\n")
    }

    func testACrashedWorkerIsATypedErrorAndTheParentLives() throws {
        XCTAssertEqual(try run("crash"), "error: worker W1 crashed (signal 4, SIGILL, a Swift runtime trap)\n")
    }

    func testEarlyExitsAreTypedErrors() throws {
        XCTAssertEqual(try run("exit"), "error: worker W1 exited with status 3 before returning a result\n")
        XCTAssertEqual(try run("exit0"), "error: worker W1 exited with status 0 without returning a result\n")
    }

    func testAnEntryPointTheWorkerNeverRegisteredIsNamed() throws {
        XCTAssertEqual(try run("late"), "error: worker W1 has no entry point named \"late\": declare it at the top level, before the first code that starts processes\n")
    }

    func testAMessageThatDoesNotDecodeSaysWhatItGot() throws {
        let out = try run("decode")
        XCTAssertTrue(out.hasPrefix("error: bad message from pipe numbers: a message on pipe numbers is not a Int (\"\\\"seven\\\"\")"), out)
    }

    func testGarbageOnAPipeIsNotTakenForAMessage() throws {
        let lines = try run("garbage").split(separator: "\n")
        XCTAssertEqual(lines.first, "0")
        XCTAssertTrue(lines.last?.hasPrefix("error: bad message from pipe numbers: the bytes on the pipe are not a message") ?? false, "\(lines)")
    }

    func testWorkersSeeTheInitializersKeyNotTheParentsGlobal() throws {
        XCTAssertEqual(try run("pool"), "[\"default-1\", \"default-2\"]\n[\"tenant-1\", \"tenant-2\"]\n")
    }

    func testAnInjectedCrashFailsOneJobAndLosesNoOther() throws {
        let out = try run("pool-crash", env: ["PARLEARN_CRASH_JOB": "3"])
        // Either worker may take job 3.
        let lines = out.replacingOccurrences(of: "worker P2", with: "worker P1").split(separator: "\n")
        XCTAssertEqual(lines, ["1", "4", "error: worker P1 crashed (signal 6, SIGABRT)", "16", "25", "36",
                               "error: the process pool was shut down"])
    }

    func testTheLockAndTheAtomicsLoseNoUpdateAcrossProcesses() throws {
        XCTAssertEqual(try run("shared"), "done done 40000 40000\n")
    }

    func testFileLock() throws {
        XCTAssertEqual(try run("filelock", NSTemporaryDirectory() + "parlearn-filelock-\(getpid())"), "locked\n")
    }

    /// The runner kills a program at its time limit; its hanging worker must die with it.
    func testAWorkerDoesNotOutliveAKilledParent() throws {
        let binary = try Self.binary.get()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["hang"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let line = String(decoding: out.fileHandleForReading.availableData, as: UTF8.self)
        let worker = try XCTUnwrap(pid_t(line.trimmingCharacters(in: .whitespacesAndNewlines)))
        XCTAssertEqual(kill(worker, 0), 0, "the worker runs")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        // Dead means gone or a zombie: when this test process is a child subreaper (the workbook's
        // runner makes it one), a dead orphan waits here to be reaped instead of at init.
        func running() -> Bool {
            guard let stat = try? String(contentsOfFile: "/proc/\(worker)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return false }
            return stat[stat.index(after: close)...].split(separator: " ").first != "Z"
        }
        let deadline = Date().addingTimeInterval(5)
        while running() && Date() < deadline { usleep(10_000) }
        XCTAssertFalse(running(), "worker \(worker) outlived its parent")
    }
}
