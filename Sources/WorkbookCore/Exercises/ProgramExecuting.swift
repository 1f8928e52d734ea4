import Foundation
import ParLearnKit

/// What the exercise checker needs from the program runner: compile, explore, run plainly.
/// ``ProcessExecutor`` is the real one, over ``ProgramRunner``; tests use a fake.
public protocol ProgramExecuting: Sendable {
    /// Compiles the learner `files` with `mainFile` compiled as `main.swift`.
    func compile(files: [URL], mainFile: URL) -> CompileResult

    /// Runs `binary` under the checker with `request`. The runner gives the run its own report
    /// path and nonce, and returns `.finished` only for a complete report carrying that nonce.
    func explore(binary: URL, request: RunRequest, timeout: Double) -> ExploreRun

    /// Runs `binary` once in plain mode (real threads, real locks), as a `--stress` iteration.
    func runPlain(binary: URL, timeout: Double) -> PlainRun

    /// Builds and runs a plain-Swift stress program once (`engine: stress`).
    func stress(files: [URL], options: StressOptions) -> StressOutcome

    /// Readable names for mangled symbols in stress reports.
    func demangle(_ symbols: [String]) -> [String: String]

    /// The cores a program may use, for "is it really parallel?" checks.
    var cores: Int { get }
}

/// How one child-process run ended, with what it printed and how long it took.
public struct ChildRun<Outcome: Sendable>: Sendable {
    /// A ``CheckerOutcome`` for an exploration, a ``RunStatus`` for a plain run.
    public var outcome: Outcome
    /// The program's own output, stdout and stderr interleaved.
    public var output: String
    /// Wall-clock seconds.
    public var duration: Double

    public init(outcome: Outcome, output: String = "", duration: Double = 0) {
        self.outcome = outcome
        self.output = output
        self.duration = duration
    }
}

public typealias ExploreRun = ChildRun<CheckerOutcome>
public typealias PlainRun = ChildRun<RunStatus>

/// ``ProgramExecuting`` over the real runner: child processes with timeouts, Ctrl-C forwarding
/// and live output.
public struct ProcessExecutor: ProgramExecuting {
    public var runner: ProgramRunner
    /// Polled while a child runs; true once per Ctrl-C.
    public var interruptRequested: @Sendable () -> Bool
    /// Receives the child's output as it arrives (the REPL shows it live; grading ignores it).
    public var onOutput: @Sendable (Data) -> Void

    public init(runner: ProgramRunner, interruptRequested: @escaping @Sendable () -> Bool = { false }, onOutput: @escaping @Sendable (Data) -> Void = { _ in }) {
        self.runner = runner
        self.interruptRequested = interruptRequested
        self.onOutput = onOutput
    }

    public func compile(files: [URL], mainFile: URL) -> CompileResult {
        runner.compiler.compile(files: files, mainFile: mainFile)
    }

    public func explore(binary: URL, request: RunRequest, timeout: Double) -> ExploreRun {
        let (outcome, output, duration) = collecting { onEvent in
            runner.runChecker(binary: binary, request: request, timeout: timeout, interruptRequested: interruptRequested, onEvent: onEvent)
        }
        return ExploreRun(outcome: outcome, output: output, duration: duration)
    }

    public func runPlain(binary: URL, timeout: Double) -> PlainRun {
        let child = ProgramRunner.checkedChild(
            binary: binary, environment: [RunRequest.Key.mode.rawValue: RunRequest.Mode.plain.rawValue], timeout: timeout)
        let (status, output, duration) = collecting { onEvent in
            child.run(interruptRequested: interruptRequested, onEvent: onEvent)
        }
        return PlainRun(outcome: status, output: output, duration: duration)
    }

    public func stress(files: [URL], options: StressOptions) -> StressOutcome {
        StressEngine(compiler: runner.compiler).run(files: files, options: options, interruptRequested: interruptRequested,
                                                    onOutput: onOutput)
    }

    public func demangle(_ symbols: [String]) -> [String: String] {
        Demangler.names(symbols, toolchain: runner.compiler.toolchain)
    }

    public var cores: Int { SpeedupMeter.cores }

    /// Runs `body`, forwarding output to ``onOutput`` and keeping its end; also times it.
    private func collecting<T>(_ body: ((ChildProcess.Event) -> Void) -> T) -> (T, String, Double) {
        var tail = OutputTail()
        let start = Date()
        let result = body { event in
            if case .output(let data) = event {
                tail.append(data)
                onOutput(data)
            }
        }
        return (result, tail.text, Date().timeIntervalSince(start))
    }
}
