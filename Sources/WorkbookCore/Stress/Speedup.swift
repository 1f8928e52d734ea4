import Foundation
import ParLearnKit

/// The median and spread of repeated measurements.
public struct Spread: Codable, Sendable, Equatable {
    public var median: Double
    public var min: Double
    public var max: Double

    public init?(_ values: [Double]) {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let mid = sorted.count / 2
        median = sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
        min = sorted[0]
        max = sorted[sorted.count - 1]
    }
}

/// One thread count of a speed-up measurement.
public struct SpeedupRow: Codable, Sendable, Equatable {
    public var threads: Int
    public var wallSeconds: Spread
    public var cpuSeconds: Spread
    /// Median wall time at the smallest thread count ÷ median wall time here.
    public var speedup: Double
    /// Speed-up ÷ threads: 1.0 is perfect scaling.
    public var efficiency: Double
    /// CPU time ÷ wall time: how many cores were busy on average.
    public var parallelism: Double
    /// The share of the threads' time spent runnable but waiting for a core that other programs
    /// had (median); nil where the kernel does not say.
    public var waiting: Double?
}

/// What `speedup` measured, worded by ``SpeedupChart``.
public struct SpeedupResult: Codable, Sendable, Equatable {
    public var program: String
    public var cores: Int
    public var gil: Bool
    public var repeats: Int
    public var rows: [SpeedupRow]
    /// False on one core: threads cannot overlap, so a speed-up means nothing there.
    public var measurable: Bool

    /// Builds rows from samples (threads → [(wall, cpu)]), the smallest thread count as baseline;
    /// `waited` (threads → seconds spent waiting for a core, per run) where the kernel says.
    public init(program: String, cores: Int, gil: Bool, samples: [Int: [(wall: Double, cpu: Double)]],
                waited: [Int: [Double]] = [:]) {
        self.program = program
        self.cores = cores
        self.gil = gil
        repeats = samples.values.map(\.count).min() ?? 0
        measurable = cores > 1
        let counts = samples.keys.sorted()
        let base = counts.first.flatMap { samples[$0] }.flatMap { Spread($0.map(\.wall)) }?.median ?? 0
        rows = counts.compactMap { n in
            guard let runs = samples[n], let wall = Spread(runs.map(\.wall)), let cpu = Spread(runs.map(\.cpu)) else {
                return nil
            }
            let speedup = wall.median > 0 ? base / wall.median : 0
            let relative = Double(n) / Double(counts.first ?? 1)
            let shares = zip(runs, waited[n] ?? []).map { run, seconds in
                run.wall > 0 ? seconds / (run.wall * Double(n)) : 0
            }
            return SpeedupRow(threads: n, wallSeconds: wall, cpuSeconds: cpu, speedup: speedup,
                              efficiency: speedup / relative, parallelism: wall.median > 0 ? cpu.median / wall.median : 0,
                              waiting: shares.count == runs.count ? Spread(shares)?.median : nil)
        }
    }

    public func row(threads: Int) -> SpeedupRow? { rows.first { $0.threads == threads } }

    /// CPU ÷ wall below this at one thread means other programs took part of the core.
    public static let fullCore = 0.8

    /// A share of the threads' time spent waiting for a core above which other programs, not this
    /// one, set the pace. A thread blocked on the program's own lock is not waiting for a core, so
    /// a program whose threads take turns is still measured (and fails a speed-up it lacks).
    public static let maxWaiting = 0.1

    /// Why these timings measure the machine's load rather than the program; nil when they do not.
    public var busyReason: String? {
        if let one = rows.first, one.threads == 1, one.parallelism < Self.fullCore {
            return String(format: "one thread kept only %.2f of a core busy", one.parallelism)
        }
        if let row = rows.first(where: { ($0.waiting ?? 0) > Self.maxWaiting }), let waiting = row.waiting {
            return String(format: "at %d thread%@ the program spent %.0f%% of its time waiting for a core that other "
                          + "programs had", row.threads, row.threads == 1 ? "" : "s", waiting * 100)
        }
        return nil
    }

    /// True when other programs shared the cores enough to skew the timings.
    public var busy: Bool { busyReason != nil }

    public var json: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return (try? encoder.encode(self)) ?? Data()
    }
}

/// Runs a CPU-bound stress program at several thread counts, interleaving the repeats so a burst
/// of noise from other processes spreads over every count instead of skewing one.
public struct SpeedupMeter: Sendable {
    /// Runs one stress program once.
    public var run: @Sendable ([URL], StressOptions) -> StressOutcome
    public var threadCounts: [Int] = [1, 2, 4]
    public var repeats = 5
    public var iterations = 1
    public var gil = false
    public var timeout: Double = 60

    public init(run: @escaping @Sendable ([URL], StressOptions) -> StressOutcome) {
        self.run = run
    }

    public init(engine: StressEngine, interruptRequested: @escaping @Sendable () -> Bool = { false }) {
        run = { engine.run(files: $0, options: $1, interruptRequested: interruptRequested) }
    }

    /// The cores this process may use.
    public static var cores: Int { ProcessInfo.processInfo.activeProcessorCount }

    public enum Failure: Error, Sendable {
        /// The program did not compile or had no entry point: the verdict says why.
        case noRun(CheckerVerdict)
        /// One measurement run failed (crash, failed check, timeout).
        case runFailed(threads: Int, CheckerVerdict)
    }

    public func measure(files: [URL], program: String, cores: Int = SpeedupMeter.cores) -> Result<SpeedupResult, Failure> {
        var samples: [Int: [(wall: Double, cpu: Double)]] = [:]
        var waited: [Int: [Double]] = [:]
        let judge = StressJudge(files: files)
        for _ in 0..<repeats {
            for threads in threadCounts {
                var options = StressOptions()
                options.threads = threads
                options.iterations = iterations
                options.jitter = 0
                options.gil = gil
                options.timeout = timeout
                let outcome = run(files, options)
                guard case .ran(let evidence) = outcome else { return .failure(.noRun(judge.verdict(outcome, options: options))) }
                guard let run = evidence.run, run.complete, case .exited(0) = evidence.status else {
                    return .failure(.runFailed(threads: threads, judge.verdict(outcome, options: options)))
                }
                samples[threads, default: []].append((run.wallSeconds, run.cpuSeconds))
                if let seconds = run.waitedSeconds { waited[threads, default: []].append(seconds) }
            }
        }
        return .success(SpeedupResult(program: program, cores: cores, gil: gil, samples: samples, waited: waited))
    }
}
