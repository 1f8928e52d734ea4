import Foundation

/// What the runner asks a stress program to do, passed like ``RunRequest`` through environment
/// variables: `PARLEARN_STRESS_THREADS=4 PARLEARN_STRESS_ITERATIONS=100 ./program`.
public struct StressRequest: Sendable, Equatable, Codable {
    public var threads: Int
    public var iterations: Int
    /// Seeds the jitter each thread spins before each iteration.
    public var seed: UInt64
    /// Largest jitter, in spin-loop turns; 0 releases the threads with no jitter (speed-up runs).
    public var jitter: Int
    /// Run under the simulated ``GlobalInterpreterLock``.
    public var gil: Bool
    /// Where to write the ``StressRun`` JSON.
    public var reportPath: String?
    public var nonce: String?
    /// Seconds before the harness gives up on threads that never finish a round.
    public var timeBudget: Double?
    /// For a program of `scenario`s instead of `stress(thread:of:)`: the scenario to stress
    /// (empty: the first). Each iteration runs its body once on real threads.
    public var scenario: String?

    /// Limits the runner enforces before it starts anything.
    public static let threadRange = 1...256
    public static let iterationRange = 1...1_000_000

    public init(threads: Int = 2, iterations: Int = 100, seed: UInt64 = 0, jitter: Int = 2000, gil: Bool = false,
                reportPath: String? = nil, nonce: String? = nil, timeBudget: Double? = nil) {
        self.threads = threads
        self.iterations = iterations
        self.seed = seed
        self.jitter = jitter
        self.gil = gil
        self.reportPath = reportPath
        self.nonce = nonce
        self.timeBudget = timeBudget
    }

    public enum Key: String, CaseIterable, Sendable {
        case threads = "PARLEARN_STRESS_THREADS"
        case iterations = "PARLEARN_STRESS_ITERATIONS"
        case seed = "PARLEARN_STRESS_SEED"
        case jitter = "PARLEARN_STRESS_JITTER"
        case gil = "PARLEARN_GIL"
        case reportPath = "PARLEARN_REPORT"
        case nonce = "PARLEARN_NONCE"
        case timeBudget = "PARLEARN_TIME_BUDGET"
        case scenario = "PARLEARN_STRESS_SCENARIO"
    }

    public var environment: [String: String] {
        var env = [
            Key.threads.rawValue: String(threads), Key.iterations.rawValue: String(iterations),
            Key.seed.rawValue: String(seed), Key.jitter.rawValue: String(jitter), Key.gil.rawValue: gil ? "1" : "0",
        ]
        env[Key.reportPath.rawValue] = reportPath
        env[Key.nonce.rawValue] = nonce
        env[Key.timeBudget.rawValue] = timeBudget.map { String($0) }
        env[Key.scenario.rawValue] = scenario
        return env
    }

    /// Decodes a request; missing variables keep their defaults, malformed ones are an error.
    public init(environment env: [String: String]) throws(RunRequest.InvalidVariable) {
        self.init()
        func parse<T>(_ key: Key, _ convert: (String) -> T?) throws(RunRequest.InvalidVariable) -> T? {
            guard let raw = env[key.rawValue] else { return nil }
            guard let value = convert(raw) else { throw RunRequest.InvalidVariable(name: key.rawValue, value: raw) }
            return value
        }
        if let v = try parse(.threads, { Int($0).flatMap { Self.threadRange.contains($0) ? $0 : nil } }) { threads = v }
        if let v = try parse(.iterations, { Int($0).flatMap { Self.iterationRange.contains($0) ? $0 : nil } }) {
            iterations = v
        }
        if let v = try parse(.seed, { UInt64($0) }) { seed = v }
        if let v = try parse(.jitter, { Int($0).flatMap { $0 >= 0 ? $0 : nil } }) { jitter = v }
        if let v = try parse(.gil, { ["0": false, "1": true][$0] }) { gil = v }
        reportPath = env[Key.reportPath.rawValue]
        nonce = env[Key.nonce.rawValue]
        timeBudget = try parse(.timeBudget, { Double($0).flatMap { $0 > 0 ? $0 : nil } })
        scenario = env[Key.scenario.rawValue]
    }
}

/// What one stress run reports back: how far it got and what it cost.
public struct StressRun: Sendable, Equatable, Codable {
    public var nonce: String?
    /// True when every round finished; false when the harness gave up on stuck threads.
    public var complete: Bool
    public var threads: Int
    public var iterations: Int
    public var roundsCompleted: Int
    /// Wall and CPU time of the rounds alone (no start-up), in seconds.
    public var wallSeconds: Double
    public var cpuSeconds: Double
    /// Seconds the round threads spent runnable but waiting for a core (other programs had it),
    /// added up over threads; nil where the kernel does not say.
    public var waitedSeconds: Double?
    public var gil: Bool
    /// Times the simulated GIL changed hands.
    public var gilSwitches: Int?
    /// When the time budget ran out: the threads that had not finished the round, e.g. "T2".
    public var stuckThreads: [String]
    /// What `stressCheck()` returned when it found the invariant broken, or a failed `check`'s
    /// message in a stressed scenario.
    public var failedCheck: String?
    /// The stressed scenario's name; nil for a program of `stress(thread:of:)`.
    public var scenario: String?
    /// Where a stressed scenario's failed `check` is, e.g. "racy.swift:23".
    public var checkSite: String?

    public init(nonce: String?, complete: Bool, threads: Int, iterations: Int, roundsCompleted: Int,
                wallSeconds: Double, cpuSeconds: Double, waitedSeconds: Double? = nil, gil: Bool, gilSwitches: Int?,
                stuckThreads: [String], failedCheck: String? = nil) {
        self.nonce = nonce
        self.complete = complete
        self.threads = threads
        self.iterations = iterations
        self.roundsCompleted = roundsCompleted
        self.wallSeconds = wallSeconds
        self.cpuSeconds = cpuSeconds
        self.waitedSeconds = waitedSeconds
        self.gil = gil
        self.gilSwitches = gilSwitches
        self.stuckThreads = stuckThreads
        self.failedCheck = failedCheck
    }
}
