import Foundation
import ParLearnKit

/// The checker's answer for one exercise: what happened, in words a learner can act on, plus
/// the facts grading and rendering need.
public struct CheckVerdict: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        case passed
        /// The engine found a bug: ``bug`` holds the minimised schedule and its trace.
        case failed
        /// The program ended before every scenario reported (an early `exit(0)`, a forged or
        /// stale report). Never a pass.
        case incomplete
        case doesNotCompile = "does-not-compile"
        case crashed
        case timedOut = "timed-out"
        /// The controlled engine passed, but a real-thread stress run failed.
        case failedUnderStress = "failed-under-stress"
        /// Stopped by Ctrl-C before a verdict.
        case interrupted
        /// The check could not run at all (an unreadable check file, a program that cannot start):
        /// not the learner's fault.
        case error
    }

    public var kind: Kind
    public var exerciseID: String
    /// One plain sentence.
    public var headline: String
    /// Further lines: seeds and strategy, crash location, compiler messages, stress figures.
    public var details: [String] = []
    public var engine: Engine
    /// The strategy that ran; for a portfolio, the member that found the bug.
    public var strategy: String
    /// The seed of the run the verdict comes from (the failing one, or the first).
    public var seed: UInt64?
    public var schedulesRun: Int = 0
    public var failuresSeen: Int = 0
    /// The failing scenario's report: kind, message, minimised schedule, interleaving table.
    public var bug: ScenarioReport?
    public var replayCommand: String?
    /// Compiler errors, the learner's files first.
    public var diagnostics: [Diagnostic] = []
    public var crash: CrashRecord?
    /// The end of the program's output, for context.
    public var output: String = ""
    /// Wall-clock seconds spent running (not compiling). Excluded from determinism comparisons.
    public var duration: Double = 0

    public var passed: Bool { kind == .passed }

    /// The failing schedule string, from the bug report or the crash record.
    public var failingSchedule: String? { bug?.schedule ?? crash.flatMap { $0.schedule.isEmpty ? nil : $0.schedule } }

    public static let passSuffix = "A pass is not a proof."
}

/// `parlearn replay <id> <schedule> [--scenario <name>]`, quoted for a POSIX shell.
public enum ReplayCommand {
    public static func make(target: String, schedule: String, scenario: String?) -> String {
        var words = ["parlearn", "replay", target, schedule]
        if let scenario { words += ["--scenario", scenario] }
        return words.map(shellQuoted).joined(separator: " ")
    }

    static func shellQuoted(_ word: String) -> String {
        let safe = word.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || "-_./:=@".unicodeScalars.contains($0) }
        if safe && !word.isEmpty { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
