import Foundation
import ParLearnKit

/// What a learner asks of `stress`: how many threads, how many rounds, which seed, and whether
/// to build under ThreadSanitizer or run under the simulated GIL.
public struct StressOptions: Sendable, Equatable {
    public var threads = 2
    public var iterations = 100
    public var seed: UInt64 = 0
    public var threadSanitizer = false
    public var gil = false
    /// Largest seeded delay before each iteration, in spin-loop turns; 0 for speed-up runs.
    public var jitter = 2000
    /// Wall-clock limit of the whole run, in seconds (as `run`'s).
    public var timeout: Double = 20
    /// For a program of thread `scenario`s: which one to stress (nil: the first).
    public var scenario: String?

    public init() {}

    /// Rejects absurd values before anything is compiled.
    public func validate() throws(StressUsageError) {
        guard StressRequest.threadRange.contains(threads) else {
            throw StressUsageError(description: "--threads must be between 1 and \(StressRequest.threadRange.upperBound), "
                                   + "not \(threads)")
        }
        guard StressRequest.iterationRange.contains(iterations) else {
            throw StressUsageError(description: "--iterations must be between 1 and "
                                   + "\(StressRequest.iterationRange.upperBound), not \(iterations)")
        }
    }
}

public struct StressUsageError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
}

/// Everything one stress run left behind, before it is judged.
public struct StressEvidence: Sendable {
    /// The harness's own record; nil when the process died before writing it.
    public var run: StressRun?
    public var status: RunStatus
    /// The program's output (stdout and stderr), capped.
    public var output: String
    public var warnings: [SanitizerWarning]
    /// TSan's deadly-signal block, when the process crashed under ThreadSanitizer.
    public var sanitizerCrash: CrashReport?
    /// Swift's own crash report or failed-check message.
    public var crash: CrashReport?
}

public enum StressOutcome: Sendable {
    /// The file declares neither `stress(thread:of:)` nor a `scenario`.
    case noEntryPoint(file: String)
    /// `--scenario` names none of the program's scenarios, which are listed.
    case unknownScenario(String, known: [String])
    case compileFailed(diagnostics: [Diagnostic], output: String)
    case ran(StressEvidence)
}

/// The second engine: a learner's plain Swift on free-running real threads, optionally under
/// ThreadSanitizer. Builds are cached like every other build (apart for TSan).
public struct StressEngine: Sendable {
    public var compiler: ProgramCompiler

    public init(compiler: ProgramCompiler) {
        self.compiler = compiler
    }

    /// Output kept for parsing: TSan writes to its own log, so this is the program's own text.
    static let outputCap = 256 << 10

    /// Compiles `files` (the learner's, and an exercise's check file) with the harness, then runs
    /// it once.
    public func run(files: [URL], options: StressOptions, interruptRequested: () -> Bool = { false },
                    onOutput: (Data) -> Void = { _ in }) -> StressOutcome {
        guard let program = StressProgram.scan(files) else {
            // A program written for the checker: its top-level code declares the scenarios.
            guard let main = files.first(where: Self.declaresScenarios) else {
                return .noEntryPoint(file: files.first?.lastPathComponent ?? "the program")
            }
            let known = Self.scenarioNames(in: main)
            if let wanted = options.scenario, !known.contains(wanted) {
                return .unknownScenario(wanted, known: known)
            }
            var options = options
            options.scenario = options.scenario ?? ""
            return compileAndRun(files: files.filter { $0 != main }, main: main, options: options,
                                 interruptRequested: interruptRequested, onOutput: onOutput)
        }
        let main: URL
        do {
            main = try program.writeMain(in: compiler.cacheDirectory)
        } catch {
            return .compileFailed(diagnostics: [], output: "cannot write the stress harness: \(error.localizedDescription)")
        }
        return compileAndRun(files: files, main: main, options: options, interruptRequested: interruptRequested,
                             onOutput: onOutput)
    }

    private func compileAndRun(files: [URL], main: URL, options: StressOptions, interruptRequested: () -> Bool,
                               onOutput: (Data) -> Void) -> StressOutcome {
        switch compiler.compile(files: files, mainFile: main, threadSanitizer: options.threadSanitizer) {
        case .failed(let diagnostics, let output):
            return .compileFailed(diagnostics: diagnostics, output: output + Self.topLevelHint(output))
        case .compiled(let binary, _):
            var evidence = execute(binary: binary, options: options, interruptRequested: interruptRequested,
                                   onOutput: onOutput)
            // The main file is compiled as main.swift: a scenario's failed check names it so.
            if let site = evidence.run?.checkSite, site.hasPrefix("main.swift:") {
                evidence.run?.checkSite = main.lastPathComponent + site.dropFirst("main.swift".count)
            }
            return .ran(evidence)
        }
    }

    /// What a run of `files` will do, for the line before it starts: "2 threads × 100 iterations",
    /// or "100 runs of its scenario" for a program of scenarios.
    public static func plan(files: [URL], options: StressOptions) -> String {
        if StressProgram.scan(files) == nil, files.contains(where: declaresScenarios) {
            return "\(counted(options.iterations, "run")) of \(options.scenario.map { "scenario \"\($0)\"" } ?? "its first scenario")"
        }
        return "\(options.threads) threads × \(options.iterations) iterations"
    }

    /// Whether `url` calls `scenario(...)` (or `processScenario`, which the kit then refuses by name).
    static func declaresScenarios(_ url: URL) -> Bool {
        guard let source = try? String(contentsOf: url, encoding: .utf8) else { return false }
        return !ScenarioScanner.declarations(in: source).isEmpty
    }

    /// The names of the scenarios `url` declares with a plain string literal.
    static func scenarioNames(in url: URL) -> [String] {
        guard let source = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return ScenarioScanner.declarations(in: source).compactMap(\.name)
    }

    /// A stress program is compiled as a library file beside the harness, so it cannot have top-level code.
    static func topLevelHint(_ output: String) -> String {
        guard output.contains("expressions are not allowed at the top level")
                || output.contains("statements are not allowed at the top level") else { return "" }
        return "\nA stress program declares functions only: `parlearn stress` supplies the main program that "
            + "calls \(StressProgram.entryPoint). Move top-level code into it."
    }

    private func execute(binary: URL, options: StressOptions, interruptRequested: () -> Bool,
                         onOutput: (Data) -> Void) -> StressEvidence {
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("parlearn-stress-\(getpid())-\(UInt64.random(in: 0...UInt64.max))")
        try? fm.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: dir) }
        let nonce = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        var request = StressRequest(
            threads: options.threads, iterations: options.iterations, seed: options.seed, jitter: options.jitter,
            gil: options.gil, reportPath: dir.appendingPathComponent("stress.json").path, nonce: nonce,
            timeBudget: max(1, options.timeout - 2))
        request.scenario = options.scenario
        var environment = request.environment.merging(ProgramRunner.crashReportEnvironment) { a, _ in a }
        let tsanLog = dir.appendingPathComponent("tsan").path
        environment["TSAN_OPTIONS"] = "halt_on_error=0:exitcode=66:log_path=\(tsanLog)"
        var output = Data()
        let child = ChildProcess(executable: binary.path, environment: environment, timeout: options.timeout + 3)
        let status = child.run(interruptRequested: interruptRequested) { event in
            guard case .output(let data) = event else { return }
            onOutput(data)
            if output.count < Self.outputCap { output.append(data.prefix(Self.outputCap - output.count)) }
        }
        let text = String(decoding: output, as: UTF8.self)
        let logs = ((try? fm.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasPrefix("tsan") }.sorted()
            .compactMap { try? String(contentsOfFile: dir.appendingPathComponent($0).path, encoding: .utf8) }
            .joined(separator: "\n")
        var run = fm.contents(atPath: request.reportPath!).flatMap { try? JSONDecoder().decode(StressRun.self, from: $0) }
        if run?.nonce != nonce { run = nil }
        let deadly = SanitizerOutput.deadlySignal(in: logs).map {
            CrashReport(description: $0.description, thread: nil, frames: $0.frames, failedCheck: nil)
        }
        return StressEvidence(run: run, status: status, output: text, warnings: SanitizerOutput.warnings(in: logs),
                              sanitizerCrash: deadly, crash: CrashReport.parse(text))
    }
}

extension StressOptions {
    static func number(_ value: String, _ key: String) throws(StressUsageError) -> Int {
        guard let n = Int(value) else { throw StressUsageError(description: "--\(key) takes a whole number, not '\(value)'") }
        return n
    }

    /// Runs per thread count of `speedup`.
    public static func runs(_ text: String) throws(StressUsageError) -> Int {
        let n = try number(text, "runs")
        guard (1...50).contains(n) else { throw StressUsageError(description: "--runs must be between 1 and 50, not \(n)") }
        return n
    }

    /// "1,2,4" → [1, 2, 4], each a valid thread count, without repeats.
    public static func threadCounts(_ text: String) throws(StressUsageError) -> [Int] {
        var counts: [Int] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let n = try number(part.trimmingCharacters(in: .whitespaces), "threads")
            guard StressRequest.threadRange.contains(n) else {
                throw StressUsageError(description: "--threads takes counts between 1 and "
                                       + "\(StressRequest.threadRange.upperBound), not \(n)")
            }
            if !counts.contains(n) { counts.append(n) }
        }
        guard !counts.isEmpty else { throw StressUsageError(description: "--threads takes a list such as 1,2,4") }
        return counts.sorted()
    }
}
