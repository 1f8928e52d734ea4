import Foundation
import ParLearnKit

/// The stress engine's part of an exercise manifest (`stress:` with `engine: stress`), or of a
/// chapter program with `engine: stress`.
public struct StressSettings: Sendable, Equatable {
    public var threads = 2
    /// Build with ThreadSanitizer, so a race fails the check even when it corrupts nothing.
    public var threadSanitizer = true
    /// "Is it really parallel?": the least speed-up at 2 threads over 1, nil for no such check.
    public var speedup: Double?
    /// The least CPU time ÷ wall time at 2 threads, nil for no such check.
    public var parallelism: Double?
    /// Timed runs per thread count; the median decides.
    public var runs = 3
    /// Rejects a lock taken inside a loop of `stress(thread:of:)`: the global lock on the hot path.
    public var noLockInLoop = false
    /// Measures and shows the speed-up at 2 threads without grading it: for a program whose
    /// speed-up is too close to any threshold to grade on a shared machine.
    public var showSpeedup = false

    public init() {}

    var grades: Bool { speedup != nil || parallelism != nil }
    var measuresParallelism: Bool { grades || showSpeedup }
}

/// Checks an `engine: stress` exercise or chapter program: the learner's files and the check file
/// (which may hold `stressSetUp()` and `stressCheck()`) run under stress for each seed, then the
/// optional "no lock in the loop" and "is it really parallel?" checks.
struct StressChecker {
    var executor: any ProgramExecuting

    func check(_ inputs: CheckInputs, base: CheckVerdict) -> CheckVerdict {
        var files = inputs.learnerFiles
        if !files.contains(inputs.checkFile) { files.append(inputs.checkFile) }
        let settings = inputs.budget.stress
        let judge = StressJudge(files: files, demangle: executor.demangle)
        var verdict = base
        for seed in inputs.budget.seeds {
            var options = StressOptions()
            options.threads = settings.threads
            options.iterations = inputs.budget.stressIterations
            options.seed = seed
            options.threadSanitizer = settings.threadSanitizer
            options.timeout = inputs.budget.seconds
            let start = Date()
            let outcome = executor.stress(files: files, options: options)
            verdict.duration += Date().timeIntervalSince(start)
            verdict.seed = seed
            if case .compileFailed(let diagnostics, let output) = outcome {
                return CompileFailure.verdict(base, inputs: inputs, diagnostics: diagnostics, output: output)
            }
            let result = judge.verdict(outcome, options: options)
            if let problem = result.problem {
                return verdict.with(result.usageError ? .error : .incomplete, problem)
            }
            guard let report = result.decisive else { return verdict.with(.error, "the stress run gave no verdict") }
            verdict.schedulesRun += report.schedulesRun
            if report.verdict == .bug {
                verdict.bug = report
                verdict.failuresSeen = 1
                verdict.engine = .stress
                verdict.strategy = report.strategy
                return verdict.with(.failed, report.message)
            }
        }
        if settings.noLockInLoop, let files = Optional(inputs.learnerFiles),
           let (file, line) = files.lazy.compactMap({ url in HotPathScan.lockInLoop(url).map { (url, $0) } }).first {
            var failed = verdict.with(.failed, "a lock is taken inside the loop of stress(thread:of:) at "
                                      + "\(file.lastPathComponent):\(line): every pass waits for the other threads")
            failed.details = ["Give each thread its own state (a shard) and combine once at the end, or use an Atomic."]
            return failed
        }
        let runs = inputs.budget.seeds.count
        verdict = verdict.with(.passed, "\(runs) stress \(runs == 1 ? "run" : "runs") of \(settings.threads) threads × "
                               + "\(inputs.budget.stressIterations) iterations, no race, crash or failed check. "
                               + CheckVerdict.passSuffix)
        verdict.engine = .stress
        verdict.details = ["seeds \(inputs.budget.seeds.map(String.init).joined(separator: ", "))"
                           + (settings.threadSanitizer ? ", under ThreadSanitizer" : "")]
        return settings.measuresParallelism ? parallel(files: files, settings: settings, after: verdict) : verdict
    }

    /// Median of k timed runs at 1 and 2 threads, one retry; "not measurable" on one core.
    private func parallel(files: [URL], settings: StressSettings, after passed: CheckVerdict) -> CheckVerdict {
        let cores = executor.cores
        guard cores > 1 else {
            var verdict = passed
            verdict.details.append("speed-up not measurable here: this machine gives the program 1 core")
            return verdict
        }
        var shortfall = ""
        var busy: String?
        for attempt in 1...2 {
            var meter = SpeedupMeter(run: executor.stress)
            meter.threadCounts = [1, 2]
            meter.repeats = settings.runs
            switch meter.measure(files: files, program: "", cores: cores) {
            case .failure(.noRun(let result)), .failure(.runFailed(_, let result)):
                return passed.with(.failed, "a timing run failed: \(result.decisive?.message ?? result.problem ?? "")")
            case .success(let result):
                guard result.row(threads: 1) != nil, let two = result.row(threads: 2) else {
                    return passed.with(.error, "no timing at 1 and 2 threads")
                }
                // Threads that wait for cores other programs hold: wall times then measure the
                // machine's load, not this program.
                if let reason = result.busyReason {
                    busy = reason
                    continue
                }
                busy = nil
                var misses: [String] = []
                if let need = settings.speedup, two.speedup < need {
                    misses.append(String(format: "speed-up %.2f× at 2 threads, needs ≥ %.2f×", two.speedup, need))
                }
                if let need = settings.parallelism, two.parallelism < need {
                    misses.append(String(format: "%.2f cores busy (CPU ÷ wall), needs ≥ %.2f", two.parallelism, need))
                }
                let figures = String(format: "speed-up %.2f× at 2 threads, %.2f cores busy (median of %d runs)",
                                     two.speedup, two.parallelism, settings.runs)
                if misses.isEmpty {
                    var verdict = passed
                    verdict.details.append(figures + (attempt == 2 ? " on the retry" : "")
                                           + (settings.grades ? "" : ", shown, not graded"))
                    return verdict
                }
                shortfall = misses.joined(separator: "; ")
            }
        }
        if let busy {
            var verdict = passed
            verdict.details.append("speed-up not measurable here: other programs shared the cores (\(busy))")
            return verdict
        }
        var failed = passed.with(.failed, "not parallel enough: \(shortfall) (measured twice)")
        failed.details = ["A lock or a shared cache line on the hot path makes threads take turns: give each "
                          + "thread its own data and combine once at the end."]
        return failed
    }
}

/// Finds a lock taken inside a loop of `stress(thread:of:)`, by reading the source: braces
/// opened by `for`/`while`/`repeat` lines, and `withLock`/`.lock()` at that depth.
public enum HotPathScan {
    public static func lockInLoop(_ url: URL) -> Int? {
        (try? String(contentsOf: url, encoding: .utf8)).flatMap(lockInLoop(source:))
    }

    public static func lockInLoop(source: String) -> Int? {
        var inStress = false
        var depth = 0
        var loopDepths: [Int] = []
        for (index, raw) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.components(separatedBy: "//").first ?? ""
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if !inStress {
                guard trimmed.contains("func stress(") else { continue }
                inStress = true
                depth = 0
            }
            let isLoop = ["for ", "while ", "repeat "].contains { trimmed.hasPrefix($0) }
                || trimmed.contains(".forEach")
            if !loopDepths.isEmpty || isLoop,
               trimmed.contains("withLock") || trimmed.contains(".lock()") {
                return index + 1
            }
            var opened = false
            for ch in line {
                if ch == "{" {
                    depth += 1
                    if isLoop && !opened { loopDepths.append(depth) }
                    opened = true
                } else if ch == "}" {
                    if loopDepths.last == depth { loopDepths.removeLast() }
                    depth -= 1
                    if depth == 0 { return nil }
                }
            }
        }
        return nil
    }
}
