import Foundation

/// What the parent process (the `parlearn` runner) asks a compiled program to do.
///
/// The runner passes it through environment variables so that a learner program needs no
/// argument handling of its own: `PARLEARN_MODE=explore PARLEARN_SEED=3 ./racy`.
/// With no variables set, a program runs once in ``Mode/plain`` mode on real threads.
public struct RunRequest: Sendable, Equatable, Codable {
    public enum Mode: String, Sendable, Codable, CaseIterable {
        /// Real OS threads and real synchronisation, run once. Used by `run`.
        case plain
        /// Controlled exploration of many schedules. Used by `explore` and `check`.
        case explore
        /// Re-run one schedule string exactly. Used by `replay`.
        case replay
        /// Replay `schedule` as a prefix, then report the next decision point and stop.
        /// Used by `step`.
        case step
        /// Run every schedule (DFS) or `schedules` random ones and tally the `outcome(_:)`
        /// values. Used by `outcomes`.
        case outcomes
    }

    public enum Strategy: String, Sendable, Codable, CaseIterable {
        case random, pct, dfs, portfolio
    }

    public var mode: Mode
    public var strategy: Strategy
    /// Upper bound on schedules explored per scenario.
    public var schedules: Int
    public var seed: UInt64
    /// PCT depth d (the number of priority change points is d - 1).
    public var depth: Int
    /// DFS preemption bound P.
    public var preemptionBound: Int
    /// The schedule string to replay, in ``Mode/replay`` mode (the prefix in ``Mode/step``).
    public var schedule: String?
    /// Only run the scenario with this name (replay targets one scenario).
    public var scenario: String?
    /// Where to write the JSON ``ProgramReport``. Written atomically when every scenario finished.
    public var reportPath: String?
    /// A token the parent chose; echoed in the report to prove the scenarios ran to the end.
    /// It travels through the channel descriptor (``Key/channel``), never the environment.
    public var nonce: String?
    /// Budget for the whole exploration in seconds of the process's CPU time (load does not
    /// shorten it); exploration stops early, honestly.
    public var timeBudget: Double?
    /// Parallel schedule streams of the thread engine; nil means one. The runner asks for more
    /// only for programs without global variables, which streams in one process would share.
    public var streams: Int?
    /// Process pools crash the worker that starts this job (counted from 1 in submission
    /// order), so a checker can test that a pool loses no job.
    public var crashJob: Int?

    public init(
        mode: Mode = .plain, strategy: Strategy = .portfolio, schedules: Int = 1000, seed: UInt64 = 0,
        depth: Int = 3, preemptionBound: Int = 2, schedule: String? = nil, scenario: String? = nil,
        reportPath: String? = nil, nonce: String? = nil, timeBudget: Double? = nil, streams: Int? = nil,
        crashJob: Int? = nil
    ) {
        self.mode = mode
        self.strategy = strategy
        self.schedules = schedules
        self.seed = seed
        self.depth = depth
        self.preemptionBound = preemptionBound
        self.schedule = schedule
        self.scenario = scenario
        self.reportPath = reportPath
        self.nonce = nonce
        self.timeBudget = timeBudget
        self.streams = streams
        self.crashJob = crashJob
    }

    /// The environment variable names, one per field.
    public enum Key: String, CaseIterable, Sendable {
        case mode = "PARLEARN_MODE"
        case strategy = "PARLEARN_STRATEGY"
        case schedules = "PARLEARN_SCHEDULES"
        case seed = "PARLEARN_SEED"
        case depth = "PARLEARN_DEPTH"
        case preemptionBound = "PARLEARN_PREEMPTION_BOUND"
        case schedule = "PARLEARN_SCHEDULE"
        case scenario = "PARLEARN_SCENARIO"
        case reportPath = "PARLEARN_REPORT"
        /// The inherited descriptor the nonce is read from (see `ProgramRun`).
        case channel = "PARLEARN_CHANNEL"
        case timeBudget = "PARLEARN_TIME_BUDGET"
        case streams = "PARLEARN_STREAMS"
        case crashJob = "PARLEARN_CRASH_JOB"
    }

    /// The variables that encode this request, for the runner to add to the child's environment.
    public var environment: [String: String] {
        var env: [String: String] = [
            Key.mode.rawValue: mode.rawValue,
            Key.strategy.rawValue: strategy.rawValue,
            Key.schedules.rawValue: String(schedules),
            Key.seed.rawValue: String(seed),
            Key.depth.rawValue: String(depth),
            Key.preemptionBound.rawValue: String(preemptionBound),
        ]
        env[Key.schedule.rawValue] = schedule
        env[Key.scenario.rawValue] = scenario
        env[Key.reportPath.rawValue] = reportPath
        env[Key.timeBudget.rawValue] = timeBudget.map { String($0) }
        env[Key.streams.rawValue] = streams.map { String($0) }
        env[Key.crashJob.rawValue] = crashJob.map { String($0) }
        return env
    }

    public struct InvalidVariable: Error, CustomStringConvertible, Sendable {
        public let name: String
        public let value: String
        public var description: String { "parlearn: invalid \(name)=\(value)" }
    }

    /// Decodes a request from an environment; missing variables keep their defaults.
    public init(environment env: [String: String]) throws {
        self.init()
        func parse<T>(_ key: Key, _ convert: (String) -> T?) throws -> T? {
            guard let raw = env[key.rawValue] else { return nil }
            guard let value = convert(raw) else { throw InvalidVariable(name: key.rawValue, value: raw) }
            return value
        }
        if let v = try parse(.mode, Mode.init(rawValue:)) { mode = v }
        if let v = try parse(.strategy, Strategy.init(rawValue:)) { strategy = v }
        if let v = try parse(.schedules, { Int($0).flatMap { $0 > 0 ? $0 : nil } }) { schedules = v }
        if let v = try parse(.seed, { UInt64($0) }) { seed = v }
        if let v = try parse(.depth, { Int($0).flatMap { $0 > 0 ? $0 : nil } }) { depth = v }
        if let v = try parse(.preemptionBound, { Int($0).flatMap { $0 >= 0 ? $0 : nil } }) { preemptionBound = v }
        schedule = env[Key.schedule.rawValue]
        scenario = env[Key.scenario.rawValue]
        reportPath = env[Key.reportPath.rawValue]
        timeBudget = try parse(.timeBudget, { Double($0).flatMap { $0 > 0 ? $0 : nil } })
        streams = try parse(.streams, { Int($0).flatMap { $0 > 0 ? $0 : nil } })
        crashJob = try parse(.crashJob, { Int($0).flatMap { $0 > 0 ? $0 : nil } })
        if (mode == .replay || mode == .step) && schedule == nil {
            throw InvalidVariable(name: Key.schedule.rawValue, value: "(missing: replay needs a schedule)")
        }
    }

    /// The request of the current process.
    public static func current() throws -> RunRequest {
        try RunRequest(environment: ProcessInfo.processInfo.environment)
    }
}
