import CProcessControl
import Foundation
import ParLearnKit

/// The crash record a program leaves at `<report>.crash` when a learner thread traps.
public struct CrashRecord: Sendable, Equatable {
    public var signal: Int32
    public var scenario: String
    public var thread: String
    public var schedule: String
    /// What the crash was and the learner's line, from the backtrace in the program's output.
    public var cause: CrashCause?
    /// The steps up to the crash and the threads they name, when they could be replayed.
    public var threads: [String] = []
    public var trace: [TraceStep] = []

    /// Parses `crash\t<signal>\t<scenario>\t<thread>\t<schedule>`.
    public init?(line: String) {
        let fields = line.trimmingCharacters(in: .newlines).split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 5, fields[0] == "crash", let signal = Int32(fields[1]) else { return nil }
        self.signal = signal
        scenario = fields[2]
        thread = fields[3]
        schedule = fields[4]
    }
}

/// The record the kit leaves when learner code calls `exit()` inside a scenario:
/// `exit\t<code>\t<scenario>\t<thread>\t<schedule>`.
public struct ExitRecord: Sendable, Equatable {
    public var code: Int32
    public var scenario: String
    public var thread: String

    /// "your code called exit(0) in thread 'T1' of scenario 'x' before the checks finished"
    public var explanation: String {
        "your code called exit(\(code)) in thread '\(thread)' of scenario '\(scenario)' before the checks finished"
    }

    public init?(line: String) {
        let fields = line.trimmingCharacters(in: .newlines).split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard fields.count >= 4, fields[0] == "exit", let code = Int32(fields[1]) else { return nil }
        self.code = code
        scenario = fields[2]
        thread = fields[3]
    }
}

/// What came of running a program under the checker (explore or replay).
public enum CheckerOutcome: Sendable {
    case compileFailed(diagnostics: [Diagnostic], output: String)
    /// Every scenario ran to the end and the kit wrote its report.
    case finished(ProgramReport, status: RunStatus)
    /// The process died by a signal inside a scenario; the record says where, when the kit could write it.
    case crashed(CrashRecord?, status: RunStatus)
    /// No report: the program exited early, was stopped, or timed out.
    case incomplete(status: RunStatus, reason: String)
    /// Learner code called `exit()` inside a scenario: never a verdict.
    case exitedInScenario(ExitRecord, status: RunStatus)
    /// A report was there but is not this run's finished one (wrong nonce, not complete, malformed).
    case untrustedReport(status: RunStatus)

    public static let untrustedReason = "the report was malformed or not written by this run"
}

/// Compiles and runs programs in child processes. One runner per session; it holds no state
/// besides its configuration, so it is safe to share.
public struct ProgramRunner: Sendable {
    public var compiler: ProgramCompiler
    /// Wall-clock limit for `run` (seconds).
    public var timeout: Double = 20

    public init(compiler: ProgramCompiler) {
        self.compiler = compiler
    }

    /// Locates swiftc and the kit and sets up the cache: the usual way to make a runner.
    public static func standard(paths: WorkbookPaths) throws(SetupProblem) -> ProgramRunner {
        // A cache that cannot be created is the environment's fault, not the program's: say so
        // before anything is compiled, instead of a "does not compile".
        if let reason = FolderProblem.create(paths.cache) {
            throw SetupProblem(what: "parlearn cannot create its build cache folder \(paths.cache.path) (\(reason)).",
                               fix: "set PARLEARN_CACHE_DIR to a folder you can write (it defaults to "
                                   + "$XDG_CACHE_HOME/parlearn, else ~/.cache/parlearn)")
        }
        let toolchain = try Toolchain.locate(cache: paths.cache)
        let kit = try KitLocation.locate()
        return ProgramRunner(compiler: ProgramCompiler(toolchain: toolchain, kit: kit, cacheDirectory: paths.cache))
    }

    /// Swift's crash backtrace, trimmed to what a learner can use: the crashing thread's frames.
    static let crashReportEnvironment = [
        "SWIFT_BACKTRACE": "enable=yes,interactive=no,registers=none,images=none,threads=crashed,limit=16",
    ]

    /// glibc buffers a pipe in 4 KB blocks, so a plain run's prints would show only at exit and
    /// be lost when it is killed. coreutils' stdbuf preload makes stdout line-buffered, as on a
    /// terminal, so `run` streams output as it comes; without coreutils, output is block-buffered.
    static let lineBufferedEnvironment: [String: String] = {
        let candidates = ["/usr/libexec/coreutils/libstdbuf.so", "/usr/lib/coreutils/libstdbuf.so",
                          "/usr/lib/x86_64-linux-gnu/coreutils/libstdbuf.so", "/usr/lib/aarch64-linux-gnu/coreutils/libstdbuf.so"]
        guard let library = candidates.first(where: { access($0, R_OK) == 0 }) else { return [:] }
        let preload = ProcessInfo.processInfo.environment["LD_PRELOAD"].map { "\($0) \(library)" } ?? library
        return ["LD_PRELOAD": preload, "_STDBUF_O": "L"]
    }()

    /// For runs whose verdict is graded: the crash backtrace, and the same hash seed in every
    /// process, so a message that prints a `Dictionary` or `Set` is the same bytes every time.
    static let checkedRunEnvironment = crashReportEnvironment.merging(["SWIFT_DETERMINISTIC_HASHING": "1"]) { a, _ in a }

    /// Checker runs write their output to a file (the writer never waits for the reader, so the
    /// verdict cannot depend on output volume) and are stopped past this many bytes.
    public static let checkedOutputLimit = 64_000_000

    /// A run whose verdict is graded: output to a file, deterministic hashing.
    static func checkedChild(binary: URL, environment: [String: String], timeout: Double) -> ChildProcess {
        var child = ChildProcess(executable: binary.path,
                                 environment: environment.merging(checkedRunEnvironment) { a, _ in a }, timeout: timeout)
        child.output = .file(limit: checkedOutputLimit)
        return child
    }

    /// How long a checked run may take in wall-clock time, for a limit of `timeout` seconds of
    /// its own time: a machine that gives the child a tenth of a core still gets a verdict.
    static func backstop(forTimeout timeout: Double) -> Double {
        max(120, timeout * 10)
    }

    /// Compiles `target` and runs it once, plainly, streaming its output; `arguments` are the
    /// program's command line.
    public func run(
        _ target: ProgramTarget, timeout: Double? = nil, arguments: [String] = [],
        interruptRequested: () -> Bool = { false }, onEvent: (ChildProcess.Event) -> Void
    ) -> (compile: CompileResult, status: RunStatus?) {
        if case .package(let folder) = target {
            return runPackage(folder, timeout: timeout, arguments: arguments, interruptRequested: interruptRequested,
                              onEvent: onEvent)
        }
        var units = target.compileUnits
        var environment = Self.crashReportEnvironment.merging(Self.lineBufferedEnvironment) { a, _ in a }
        if units.mainFile == nil, let stress = StressProgram.scan(target.source) {
            // A stress program has no main of its own: one round on two threads shows what it does.
            do {
                units.mainFile = try stress.writeMain(in: compiler.cacheDirectory)
            } catch {
                return (.failed(diagnostics: [], output: "cannot write the stress harness: \(error)"), nil)
            }
            environment.merge(StressRequest(threads: 2, iterations: 1).environment) { $1 }
        }
        let compiled = compiler.compile(files: units.files, mainFile: units.mainFile)
        guard case .compiled(let binary, _) = compiled else { return (compiled, nil) }
        return (compiled, runPlain(binary, timeout: timeout, arguments: arguments, environment: environment,
                                   interruptRequested: interruptRequested, onEvent: onEvent))
    }

    /// Builds a package program with `swift build` (cached per folder) and runs it once, plainly,
    /// under the same rules as a single-file program; the build's own output is streamed too.
    func runPackage(
        _ folder: URL, timeout: Double?, arguments: [String], interruptRequested: () -> Bool,
        onEvent: (ChildProcess.Event) -> Void
    ) -> (compile: CompileResult, status: RunStatus?) {
        let builder = PackageBuilder(toolchain: compiler.toolchain, cacheDirectory: compiler.cacheDirectory)
        let built = builder.build(folder, interruptRequested: interruptRequested, onEvent: onEvent)
        guard case .compiled(let binary, _) = built else { return (built, nil) }
        let environment = Self.crashReportEnvironment.merging(Self.lineBufferedEnvironment) { a, _ in a }
        return (built, runPlain(binary, timeout: timeout, arguments: arguments, environment: environment,
                                interruptRequested: interruptRequested, onEvent: onEvent))
    }

    private func runPlain(
        _ binary: URL, timeout: Double?, arguments: [String], environment: [String: String],
        interruptRequested: () -> Bool, onEvent: (ChildProcess.Event) -> Void
    ) -> RunStatus {
        var environment = environment
        environment[RunRequest.Key.mode.rawValue] = RunRequest.Mode.plain.rawValue
        let child = ChildProcess(executable: binary.path, arguments: arguments, environment: environment,
                                 timeout: timeout ?? self.timeout)
        return child.run(interruptRequested: interruptRequested, onEvent: onEvent)
    }

    /// Runs an already compiled binary under the checker with `request`, and reads back the
    /// report only if it proves the scenarios finished (right nonce, marked complete).
    public func runChecker(
        binary: URL, request: RunRequest, timeout: Double, interruptRequested: () -> Bool = { false },
        onEvent: (ChildProcess.Event) -> Void
    ) -> CheckerOutcome {
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("parlearn-report-\(getpid())-\(UInt64.random(in: 0...UInt64.max))")
        try? fm.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: dir) }
        var request = request
        let reportPath = dir.appendingPathComponent("report.json").path
        let nonce = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        request.reportPath = reportPath
        request.timeBudget = request.timeBudget ?? max(1, timeout - 2)
        // The nonce goes through a pipe the kit reads and closes before any scenario runs.
        var channel: [Int32] = [0, 0]
        guard pl_pipe_cloexec(&channel) == 0 else {
            return .incomplete(status: .failedToStart(String(cString: strerror(errno))), reason: "could not start")
        }
        defer { close(channel[0]) }
        _ = Array("\(nonce)\n".utf8).withUnsafeBytes { write(channel[1], $0.baseAddress, $0.count) }
        close(channel[1])
        var environment = request.environment
        environment[RunRequest.Key.channel.rawValue] = String(Self.channelDescriptor)
        var child = Self.checkedChild(binary: binary, environment: environment, timeout: timeout)
        // The controlled engine's verdict depends on the seed only, so its limit is the child's
        // own time, never the machine's load.
        child.limit = .ownTime(backstop: Self.backstop(forTimeout: timeout))
        child.inheritedDescriptors = [Self.channelDescriptor: channel[0]]
        var tail = OutputTail()
        let status = child.run(interruptRequested: interruptRequested) { event in
            if case .output(let data) = event { tail.append(data) }
            onEvent(event)
        }

        if let data = fm.contents(atPath: reportPath) {
            guard var report = try? ProgramReport.decode(data), report.nonce == nonce, report.complete else {
                return .untrustedReport(status: status)
            }
            if let name = ProgramCompiler.mainFileName(of: binary) { report.renameFile("main.swift", to: name) }
            return .finished(report, status: status)
        }
        let recordLine = try? String(contentsOfFile: reportPath + ".crash", encoding: .utf8)
        if case .signaled(let signal) = status {
            var record = recordLine.flatMap(CrashRecord.init(line:))
            record?.cause = CrashCause.read(from: tail.text, signal: signal, mainFileName: ProgramCompiler.mainFileName(of: binary))
            return .crashed(record, status: status)
        }
        if let exit = recordLine.flatMap(ExitRecord.init(line:)) { return .exitedInScenario(exit, status: status) }
        switch status {
        case .timedOut, .stalled, .interrupted, .failedToStart, .outputLimit, .memoryLimit:
            return .incomplete(status: status, reason: status.summary)
        default:
            return .incomplete(status: status, reason: "the program \(status.summary) before its scenarios finished (did something call exit()?)")
        }
    }

    /// The descriptor number at which a checked program finds its nonce channel.
    static let channelDescriptor: Int32 = 3

    /// Compiles `target` and explores or replays it with `request`.
    public func check(
        _ target: ProgramTarget, request: RunRequest, timeout: Double, interruptRequested: () -> Bool = { false },
        onEvent: (ChildProcess.Event) -> Void
    ) -> CheckerOutcome {
        let units = target.compileUnits
        switch compiler.compile(files: units.files, mainFile: units.mainFile) {
        case .failed(let diagnostics, let output):
            return .compileFailed(diagnostics: diagnostics, output: output)
        case .compiled(let binary, _):
            let outcome = runChecker(binary: binary, request: request, timeout: timeout,
                                     interruptRequested: interruptRequested, onEvent: onEvent)
            guard case .crashed(let record?, let status) = outcome, request.mode == .explore || request.mode == .replay
            else { return outcome }
            return .crashed(withSteps(record, binary: binary, timeout: min(timeout, 20)), status: status)
        }
    }
}

extension ProgramReport {
    /// Renames a source file everywhere the report mentions it (trace rows, messages, details).
    mutating func renameFile(_ old: String, to new: String) {
        guard old != new else { return }
        func fix(_ text: String) -> String {
            text.replacingOccurrences(of: "LearnerProgram/", with: "").replacingOccurrences(of: "\(old):", with: "\(new):")
        }
        for s in scenarios.indices {
            scenarios[s].message = fix(scenarios[s].message)
            scenarios[s].details = scenarios[s].details.map(fix)
            for t in (scenarios[s].decisionPoint?.threads ?? []).indices {
                if let file = scenarios[s].decisionPoint?.threads[t].file, file == old || file.hasSuffix("/\(old)") {
                    scenarios[s].decisionPoint?.threads[t].file = new
                }
            }
            for t in scenarios[s].trace.indices {
                if let file = scenarios[s].trace[t].file, file == old || file.hasSuffix("/\(old)") { scenarios[s].trace[t].file = new }
                scenarios[s].trace[t].operation = fix(scenarios[s].trace[t].operation)
            }
        }
    }
}
