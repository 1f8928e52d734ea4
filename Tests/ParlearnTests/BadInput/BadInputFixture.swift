import Foundation
import XCTest

/// A learner's world for the bad-input suite: the checkout's chapters, one exercise, seeded
/// progress (2 hints shown), and one program whose misbehaviour is chosen by `BAD` in its
/// environment, so a dozen bad programs cost one compile.
struct BadInputFixture: Sendable {
    let root: URL
    /// The exercises folder, the state folder, and the working directory the programs are in.
    let exercises, state, work: URL
    let progressFile, learnerFile: URL
    /// A tag only this fixture's escaped processes carry on their command line.
    let tag = String(format: "%d.%04d", 3000 + Int(getpid() % 1000), Int.random(in: 1000...9999))

    static let seededProgress = """
        {"version": 1, "current": "welcome-counter",
         "exercises": {"welcome-counter": {"status": "failed", "hintsShown": 2}}}
        """

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("parlearn-bad-\(UUID().uuidString)")
        (exercises, state, work) = (
            root.appendingPathComponent("exercises"), root.appendingPathComponent("state"),
            root.appendingPathComponent("work")
        )
        progressFile = state.appendingPathComponent("progress.json")
        learnerFile = exercises.appendingPathComponent("00-welcome/counter/counter.swift")
        let fm = FileManager.default
        for folder in [exercises.appendingPathComponent("00-welcome"), state, work] {
            try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        try fm.copyItem(
            at: ParlearnCommand.root.appendingPathComponent("exercises/00-welcome/counter"),
            to: exercises.appendingPathComponent("00-welcome/counter"))
        try Data(Self.seededProgress.utf8).write(to: progressFile)
        try Data(Self.badProgram.utf8).write(to: work.appendingPathComponent("bad.swift"))
        try Data(Self.crashScenario.utf8).write(to: work.appendingPathComponent("crashy.swift"))
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    /// The state a bad input must not lose: progress and the learner's file, as bytes.
    func snapshot() -> [String: Data] {
        var files: [String: Data] = [:]
        for url in [progressFile, learnerFile] {
            files[url.lastPathComponent] = FileManager.default.contents(atPath: url.path)
        }
        return files
    }

    /// `parlearn` with this fixture's content and state; the program's `BAD` mode is set per case.
    func command(_ extra: [String: String] = [:]) -> ParlearnCommand {
        var command = ParlearnCommand(
            extra: [
                "PARLEARN_EXERCISES": exercises.path, "PARLEARN_STATE_DIR": state.path, "BAD_TAG": tag,
            ].merging(extra) { $1 })
        command.workingDirectory = work
        return command
    }

    /// Processes whose command line carries this fixture's tag: escaped descendants.
    func survivors() -> [String] {
        let pids = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return pids.filter { $0.allSatisfy(\.isNumber) }.compactMap { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return nil }
            let line = String(decoding: data.map { $0 == 0 ? 32 : $0 }, as: UTF8.self)
            return line.contains(tag) && !line.contains("parlearn") ? "\(pid): \(line)" : nil
        }
    }

    /// One program, many misbehaviours (line numbers are asserted: keep them).
    static let badProgram = """
        import Foundation
        let mode = ProcessInfo.processInfo.environment["BAD"] ?? ""
        let tag = ProcessInfo.processInfo.environment["BAD_TAG"] ?? "0"
        func down(_ n: Int) -> Int { n < 0 ? 0 : down(n + 1) + 1 }
        let slots = [1, 2, 3]
        switch mode {
        case "crash": print("reading slot 3"); print(slots[slots.count])
        case "overflow": print(down(0))
        case "hang": print("before the hang"); while true {}
        case "sleep": print("going to sleep"); sleep(100_000)
        case "flood": let line = String(repeating: "x", count: 1023); for _ in 0..<10_240 { print(line) }
        case "stdin": print("read: \\(readLine() ?? "nil")")
        case "exit3": print("leaving"); exit(3)
        case "_exit": _exit(0)
        case "kill9": kill(getpid(), SIGKILL)
        case "binary": FileHandle.standardOutput.write(Data([0x1b, 0x5b, 0x32, 0x4a, 0xff, 0xfe, 0x07, 0x0a]))
        case "processes":
            for _ in 0..<100 {
                let p = Process(); p.executableURL = URL(fileURLWithPath: "/bin/sleep")
                p.arguments = [tag]; try? p.run()
            }
            print("started 100 processes")
        case "escape":
            let p = Process(); p.executableURL = URL(fileURLWithPath: "/usr/bin/setsid")
            p.arguments = ["/bin/sleep", tag]; try? p.run(); print("a grandchild left the group")
        case "threads":
            for i in 0..<100 { Thread { sleep(UInt32(1000 + i)) }.start() }
            print("started 100 threads")
        case "fatal": fatalError("the learner gave up")
        default: print("no mode")
        }
        """

    /// A thread scenario that reads past the end of an array in T1 after one shared read.
    static let crashScenario = """
        import ParLearnKit

        scenario("oob") {
            let items = Shared([1, 2], "items")
            let t = spawn("T1") {
                let i = items.value.count
                print(items.value[i])
            }
            t.join()
        }
        """
}
