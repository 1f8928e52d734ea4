import Foundation
import Synchronization

/// The outcome of the async engine's toolchain self-test (`parlearn doctor`, and before every
/// async exploration). It passes only if this Swift runtime still routes every job of a
/// scenario through the checker's executor; otherwise the engine could report a false
/// "clean", so it refuses to explore.
public struct SelfTestResult: Sendable, CustomStringConvertible {
    public struct Check: Sendable {
        public var name: String
        public var passed: Bool
        public var detail: String
    }

    public var checks: [Check]
    /// Facts that do not decide the verdict, e.g. whether traces can name actors.
    public var notes: [String] = []
    /// The Swift runtime the result belongs to (its library and build).
    public var toolchain: String
    /// True when read from the per-toolchain cache instead of run now.
    public var cached: Bool

    public var passed: Bool { checks.allSatisfy(\.passed) }

    /// The first failed check, phrased for the report; nil when everything passed.
    public var failure: String? { checks.first { !$0.passed }.map { "\($0.name): \($0.detail)" } }

    public var description: String {
        var lines = ["async engine self-test: \(passed ? "passed" : "FAILED")\(cached ? " (cached)" : "") on \(toolchain)"]
        for check in checks { lines.append("  \(check.passed ? "ok  " : "FAIL") \(check.name): \(check.detail)") }
        for note in notes { lines.append("  note: \(note)") }
        if !passed {
            lines.append("  The async checker cannot be trusted on this toolchain: its scheduling relies on task executor preference (SE-0417) routing task starts, resumptions, actor hops and Task.yield through one executor. Async explorations will report this failure instead of a verdict.")
        }
        return lines.joined(separator: "\n")
    }
}

/// Runs the async engine's toolchain self-test now (not cached) and returns its result.
public func runSelfTest() -> SelfTestResult {
    AsyncSelfTest.run()
}

enum AsyncSelfTest {
    /// Bump when the engine changes in a way the self-test should re-check.
    static let engineVersion = 1
    /// Schedules the canary may need; the engine finds it in a few on this toolchain.
    static let canaryBudget = 200

    private static let memo = Synchronization.Mutex<SelfTestResult?>(nil)

    /// The result for this toolchain: from this process, from the cache file, or run now (and
    /// cached when it passes, so a failure is re-checked, and reported, every time).
    static func cachedOrRun() -> SelfTestResult {
        if let known = memo.withLock({ $0 }) { return known }
        let toolchain = toolchainIdentity()
        let file = cacheFile(for: toolchain)
        var result: SelfTestResult
        if let file, let text = try? String(contentsOfFile: file, encoding: .utf8), text == cacheText(toolchain) {
            result = SelfTestResult(checks: [.init(name: "cached", passed: true, detail: "passed earlier on this toolchain (\(file))")],
                                    toolchain: toolchain, cached: true)
        } else {
            result = run()
            if result.passed, let file {
                try? FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try? Data(cacheText(toolchain).utf8).write(to: URL(fileURLWithPath: file), options: .atomic)
            }
        }
        memo.withLock { $0 = result }
        return result
    }

    static func run() -> SelfTestResult {
        var checks: [SelfTestResult.Check] = []
        checks.append(yieldStaysOnDriver())
        checks += reentrancyCanary()
        var result = SelfTestResult(checks: checks, toolchain: toolchainIdentity(), cached: false)
        result.notes.append(RuntimeJob.actorFieldConfirmed
            ? "traces name the actor of each actor job"
            : "this runtime keeps a default actor's address elsewhere in its jobs: traces show \"actor or executor hop\" without the actor's name")
        return result
    }

    // MARK: The checks

    /// A task's start and its resumption after `Task.yield()` must be two jobs of the checker's
    /// executor, both run on the driver thread, with the runtime's task ids as described.
    private static func yieldStaysOnDriver() -> SelfTestResult.Check {
        let name = "Task.yield stays on the driver thread"
        let threads = Synchronization.Mutex<[UInt]>([])
        let result = AsyncExplorer.driveOnce(verifyJobIDs: true) {
            threads.withLock { $0.append(UInt(pthread_self())) }
            await Task.yield()
            threads.withLock { $0.append(UInt(pthread_self())) }
        }
        let baseline = AsyncExplorer.driveOnce(verifyJobIDs: false) {
            threads.withLock { $0.append(UInt(pthread_self())) }
        }
        let seen = threads.withLock { $0 }.prefix(2)
        if let mismatch = result.jobIDMismatch {
            return .init(name: name, passed: false, detail: mismatch)
        }
        guard result.finding == nil, seen.count == 2 else {
            return .init(name: name, passed: false, detail: "the task did not finish under the checker (\(result.findingText ?? "no job ran")); Task.yield left the task executor")
        }
        guard seen.first == seen.last, seen.first == result.driverThread else {
            return .init(name: name, passed: false, detail: "the task resumed on another thread after Task.yield")
        }
        // On 6.3.1 a yield is two jobs: an executor-switch job, then the task itself.
        guard result.steps > baseline.steps else {
            return .init(name: name, passed: false, detail: "a body with one Task.yield took \(result.steps) jobs and one without it \(baseline.steps): the yield is no longer a scheduling point")
        }
        return .init(name: name, passed: true, detail: "the yield added \(result.steps - baseline.steps) job(s), all run on the driver thread; job ids match their descriptions")
    }

    /// The reentrancy canary (check, hop to another actor, act) must be found, and its
    /// schedule must replay to the same failure with the same choices.
    private static func reentrancyCanary() -> [SelfTestResult.Check] {
        let found = "reentrancy canary is found"
        let replayed = "its schedule replays exactly"
        let request = RunRequest(mode: .explore, strategy: .random, schedules: canaryBudget, seed: 0)
        let report = AsyncExplorer.explore(request: request, scenario: "self-test canary", settings: .init(selfTest: false), body: canary)
        guard report.verdict == .bug, report.kind == .invariant, let schedule = report.schedule else {
            return [.init(name: found, passed: false, detail: "\(canaryBudget) random schedules of a known actor-reentrancy bug came out \(report.verdict.rawValue) (\(report.message)): actor hops are no longer scheduling points, so a clean verdict would mean nothing")]
        }
        let again = AsyncExplorer.explore(request: RunRequest(mode: .replay, schedule: schedule), scenario: "self-test canary",
                                          settings: .init(selfTest: false), body: canary)
        let same = again.verdict == .bug && again.kind == .invariant && again.message == report.message
            && again.schedule == schedule && again.scheduleMismatch == nil && again.trace == report.trace
        return [
            .init(name: found, passed: true, detail: "found after \(report.schedulesRun) schedule(s): \(report.message)"),
            .init(name: replayed, passed: same, detail: same ? "\(schedule) gave the same failure and trace" : "replaying \(schedule) gave \(again.verdict.rawValue): \(again.scheduleMismatch ?? again.message)"),
        ]
    }

    private actor Auditor {
        var entries = 0
        func record() { entries += 1 }
    }

    private actor Account {
        var balance = 100
        let auditor = Auditor()

        func withdraw(_ amount: Int) async {
            guard balance >= amount else { return }
            await auditor.record()  // a hop, no real suspension: only the executor makes it a switch
            balance -= amount
        }
    }

    @Sendable private static func canary() async {
        let account = Account()
        let a = spawnTask("alice") { await account.withdraw(60) }
        let b = spawnTask("bob") { await account.withdraw(60) }
        await a.value
        await b.value
        let balance = await account.balance
        check(balance >= 0, "balance went negative: \(balance)")
    }

    // MARK: The cache

    /// The concurrency runtime in use: its path, size and modification time, and the engine version.
    static func toolchainIdentity() -> String {
        var parts = ["engine \(engineVersion)"]
        if let library = RuntimeJob.runtimeLibraryPath {
            var info = stat()
            if stat(library, &info) == 0 {
                parts.append("\(library) (\(info.st_size) bytes, built \(info.st_mtim.tv_sec))")
            } else {
                parts.append(library)
            }
        }
        return parts.joined(separator: ", ")
    }

    private static func cacheText(_ toolchain: String) -> String { "passed\n\(toolchain)\n" }

    private static func cacheFile(for toolchain: String) -> String? {
        let env = ProcessInfo.processInfo.environment
        let base: String
        if let xdg = env["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            base = xdg
        } else if let home = env["HOME"], !home.isEmpty {
            base = home + "/.cache"
        } else {
            return nil
        }
        // FNV-1a: a stable short name for the toolchain (Hasher is seeded per process).
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in toolchain.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return base + "/parlearn/async-selftest-\(String(hash, radix: 16)).txt"
    }
}
