import Foundation
import ParLearnKit

/// Judges one stress run and words it once, in the report shape `explore` uses: a data race with
/// both accesses at the learner's lines, a crash or failed check with its line, threads that never
/// finished a round, or a clean pass with what it covered.
public struct StressJudge: Sendable {
    /// The learner's files, by file name: reports keep only frames in these.
    public var sources: [String: [Substring]]
    /// Readable names for mangled symbols ("transfer(_:from:to:)"), e.g. from ``Demangler``.
    public var demangle: @Sendable ([String]) -> [String: String]

    public init(files: [URL], demangle: @escaping @Sendable ([String]) -> [String: String] = { _ in [:] }) {
        var sources: [String: [Substring]] = [:]
        for url in files {
            let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
            sources[url.lastPathComponent] = text.split(separator: "\n", omittingEmptySubsequences: false)
        }
        self.sources = sources
        self.demangle = demangle
    }

    public static let scenarioName = "stress(thread:of:)"

    public func verdict(_ outcome: StressOutcome, options: StressOptions) -> CheckerVerdict {
        switch outcome {
        case .noEntryPoint(let file):
            return CheckerVerdict(decisive: nil, problem: "\(file) has no stress entry point: declare "
                                  + "`\(StressProgram.entryPoint)` (each stress thread calls it once per iteration), "
                                  + "or write thread scenarios with `scenario(...)`",
                                  usageError: true)
        case .unknownScenario(let name, let known):
            let list = known.isEmpty ? "it names none with a plain string" : "its scenarios are "
                + known.map { "\"\($0)\"" }.joined(separator: ", ")
            return CheckerVerdict(decisive: nil, problem: "no scenario named \"\(name)\": \(list)", usageError: true)
        case .compileFailed(_, let output):
            return CheckerVerdict(decisive: nil, problem: "does not compile", compilerOutput: output)
        case .ran(let evidence):
            return judge(evidence, options: options)
        }
    }

    private func judge(_ evidence: StressEvidence, options: StressOptions) -> CheckerVerdict {
        let real = evidence.warnings.filter { !SanitizerOutput.isMutexFalsePositive($0) }
        let ignored = evidence.warnings.count - real.count
        let names = demangle(Array(Set((real.flatMap { $0.accesses.flatMap(\.frames) }
            + (evidence.crash?.frames ?? []) + (evidence.sanitizerCrash?.frames ?? [])).map(\.function))))
        let words = Wording(judge: self, names: names)
        var report = ScenarioReport(
            scenario: Self.scenarioName, engine: .stress, verdict: .clean, message: "", seed: options.seed,
            strategy: options.threadSanitizer ? "stress+tsan" : "stress",
            schedulesRun: evidence.run?.roundsCompleted ?? 0, failuresSeen: 0,
            coverage: coverage(options, rounds: evidence.run?.roundsCompleted, scenario: evidence.run?.scenario))
        if let scenario = evidence.run?.scenario { report.scenario = scenario }
        let race = real.max { words.precision($0) < words.precision($1) }
        if let crash = evidence.sanitizerCrash ?? evidence.crash, evidence.sanitizerCrash != nil || evidence.status.isSignal {
            words.describe(crash: crash, race: race, into: &report)
        } else if let race {
            words.describe(race: race, others: real.count - 1, into: &report)
        } else if let run = evidence.run, let failed = run.failedCheck {
            report.verdict = .bug
            report.kind = .invariant
            if run.scenario != nil {
                report.message = "check failed in iteration \(run.roundsCompleted + 1): \(failed)"
                let site = run.checkSite?.split(separator: ":")
                report.trace = [TraceStep(thread: 0, operation: "check failed: \(failed)", file: site.map { String($0[0]) },
                                          line: site.flatMap { $0.count > 1 ? Int($0[1]) : nil })]
                report.threads = ["main"]
                report.details = ["The scenario's threads ran free on real cores, started together after seeded "
                    + "delays, and its check found the invariant broken. `explore` finds a schedule that breaks it "
                    + "and shows it step by step. (ThreadSanitizer cannot see inside ParLearnKit's `Shared`: "
                    + "the kit is not built with it.)"]
            } else {
                report.threads = ["T1"]
                report.message = "stressCheck() failed after iteration \(run.roundsCompleted + 1): \(failed)"
                let site = sources.lazy.compactMap { file, lines in
                    StressProgram.declarations(in: lines.joined(separator: "\n")).checkLine.map { (file, $0) }
                }.first
                report.trace = [TraceStep(thread: 0, operation: "check failed: \(failed)", file: site?.0, line: site?.1)]
                report.details = ["Every thread finished the iteration, then stressCheck() found the invariant broken: "
                    + "the threads' updates interfered. Run with --tsan to see the two accesses that race."]
            }
        } else if let run = evidence.run, !run.complete {
            report.verdict = .bug
            report.kind = .deadlock
            report.threads = run.stuckThreads
            report.message = "\(Self.list(run.stuckThreads)) did not finish iteration \(run.roundsCompleted + 1) "
                + "within the time limit"
            report.details = ["Each iteration ends at a barrier that waits for every thread, so one thread that "
                + "blocks forever (a deadlock, a lock never released) or loops forever stops them all.",
                "Threads that did finish the iteration wait at the barrier; the ones named above are still inside "
                + "stress(thread:of:)."]
        } else if let run = evidence.run, run.complete, evidence.status == .exited(0) || evidence.status == .exited(66) {
            report.message = run.scenario == nil
                ? "no data race, crash or failed check in \(options.threads) threads × \(run.roundsCompleted) iterations "
                    + "(seed \(options.seed))"
                : "no data race, crash or failed check in \(counted(run.roundsCompleted, "run")) of the scenario "
                    + "(seed \(options.seed))"
        } else {
            return CheckerVerdict(decisive: nil, problem: problem(evidence.status))
        }
        if ignored > 0 {
            report.details.append("\(counted(ignored, "ThreadSanitizer report")) inside "
                + "Synchronization.Mutex ignored: on Linux TSan cannot see how Mutex hands the lock over, so it "
                + "reports races the lock prevents (docs/stress.md).")
        }
        report.failuresSeen = report.verdict == .bug ? 1 : 0
        return CheckerVerdict(decisive: report)
    }

    private func coverage(_ options: StressOptions, rounds: Int?, scenario: String?) -> String {
        let times = rounds ?? options.iterations
        let what = (scenario == nil ? "\(options.threads) threads released together \(times) times"
                        : "the scenario ran \(counted(times, "time")) on real threads started together")
            + ", seeded jitter ≤ \(options.jitter) turns (seed \(options.seed))"
        if options.threadSanitizer {
            return what + "; ThreadSanitizer saw every memory access, but only on the interleavings that happened."
                + " A pass is not a proof."
        }
        return what + "; without --tsan only crashes and failed checks show, not silent races. A pass is not a proof."
    }

    private func problem(_ status: RunStatus) -> String {
        switch status {
        case .timedOut, .interrupted, .failedToStart: return status.summary
        default: return "the program \(status.summary) before the stress rounds finished (did something call exit()?)"
        }
    }

    static func list(_ names: [String]) -> String {
        names.count <= 1 ? names.joined() : names.dropLast().joined(separator: ", ") + " and " + names.last!
    }

    func lineText(_ file: String, _ line: Int) -> String? {
        guard let lines = sources[file], line >= 1, line <= lines.count else { return nil }
        let text = lines[line - 1].trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? nil : text
    }
}

/// The words of one verdict: frames trimmed to the learner's files, named readably.
private struct Wording {
    var judge: StressJudge
    var names: [String: String]

    func learnerFrames(_ frames: [StackFrame]) -> [StackFrame] {
        frames.filter { $0.fileName.map { judge.sources[$0] != nil } ?? false }
    }

    /// The innermost learner frame with a line: where the access or crash happened.
    func site(_ frames: [StackFrame]) -> StackFrame? { learnerFrames(frames).first { $0.line != nil } }

    /// How many accesses of a warning point at an exact learner line (the best report is shown).
    func precision(_ warning: SanitizerWarning) -> Int {
        (warning.global != nil ? 3 : 0) + warning.accesses.reduce(0) { $0 + (learnerFrames($1.frames).first?.line != nil ? 2 : site($1.frames) != nil ? 1 : 0) }
    }

    func name(_ frame: StackFrame) -> String {
        let name = names[frame.function] ?? frame.function
        return name.hasSuffix(" in ") || name.isEmpty ? "a closure" : name
    }

    /// "transfer(_:from:to:) racy.swift:6 ← stress(thread:of:) racy.swift:12"
    func stack(_ frames: [StackFrame]) -> String {
        learnerFrames(frames).filter { $0.line != nil }.prefix(4)
            .map { "\(name($0)) \($0.fileName!):\($0.line!)" }.joined(separator: " ← ")
    }

    /// TSan gives Swift's exclusivity checks no line ("racy.swift" alone). Then the access is the
    /// line of the same function that touches the variable (a write for a write), preferring one
    /// other than `avoiding`, the other access's line. Nil when the innermost frame has a line.
    func guessedSite(_ access: SanitizerWarning.Access, variable: String, avoiding: Int?) -> StackFrame? {
        guard let top = learnerFrames(access.frames).first, top.line == nil, let file = top.fileName,
              let lines = judge.sources[file] else { return nil }
        let base = name(top).prefix { $0 != "(" }.split(separator: ".").last.map(String.init) ?? ""
        let word = String(variable.split(separator: ".").last ?? "")
        guard !base.isEmpty, !word.isEmpty,
              let start = lines.firstIndex(where: { $0.contains("func \(base)(") }) else { return nil }
        let end = lines[(start + 1)...].firstIndex { $0.hasPrefix("}") } ?? lines.count - 1
        let writes = access.operation != "read"
        let candidates = (start...end).filter { index in
            let code = lines[index]
            guard let range = code.range(of: word) else { return false }
            let after = code[range.upperBound...].trimmingCharacters(in: .whitespaces)
            let assigns = ["=", "+=", "-=", "*=", "/=", "&+=", "&-="].contains { after.hasPrefix($0) && !after.hasPrefix("==") }
            return writes ? assigns : true
        }.map { $0 + 1 }
        guard let line = candidates.first(where: { $0 != avoiding }) ?? candidates.first else { return nil }
        return StackFrame(function: top.function, file: top.file, line: line)
    }

    func located(_ frame: StackFrame) -> String {
        let at = "\(frame.fileName!):\(frame.line!)"
        return judge.lineText(frame.fileName!, frame.line!).map { "\(at) `\($0)`" } ?? at
    }

    func variable(_ warning: SanitizerWarning) -> String {
        if let global = warning.global { return SanitizerOutput.variableName(mangled: global) ?? global }
        if let heap = warning.heapBlock {
            let at = site(warning.allocation).map { " allocated at \($0.fileName!):\($0.line!)" } ?? ""
            return "a \(heap)\(at)"
        }
        return "the same memory"
    }

    static func verb(_ operation: String) -> String {
        switch operation {
        case "read": return "reads"
        case "write": return "writes"
        default: return "modifies"
        }
    }

    func describe(race warning: SanitizerWarning, others: Int, into report: inout ScenarioReport) {
        let variable = variable(warning)
        let ordered = warning.accesses.sorted { $0.previous && !$1.previous }
        report.verdict = .bug
        report.kind = .dataRace
        report.threads = []
        for access in ordered where !report.threads.contains(warning.name(of: access)) {
            report.threads.append(warning.name(of: access))
        }
        let exact = ordered.compactMap { learnerFrames($0.frames).first?.line }
        let sites = ordered.map { access in
            guessedSite(access, variable: variable, avoiding: exact.first) ?? site(access.frames)
        }
        report.trace = zip(ordered, sites).map { access, frame in
            return TraceStep(thread: report.threads.firstIndex(of: warning.name(of: access)) ?? 0,
                             operation: "\(access.operation == "read" ? "read" : "write") \(variable)",
                             file: frame?.fileName, line: frame?.line, contextSwitch: access.previous == false)
        }
        let said = zip(ordered, sites).map { access, frame in
            "\(warning.name(of: access)) \(Self.verb(access.operation)) it at "
                + (frame.map { "\($0.fileName!):\($0.line!)" } ?? "a line outside your files")
        }
        report.message = "data race on \(variable): " + said.joined(separator: " while ")
        report.details = zip(ordered, sites).map { access, frame in
            let where_ = frame.map(located) ?? "outside your files"
            let stack = stack(access.frames)
            return "\(warning.name(of: access)) \(Self.verb(access.operation)) \(variable) at \(where_)"
                + (stack.isEmpty ? "" : "; stack: \(stack)")
        }
        report.details.append("Nothing orders these two accesses: no lock, atomic, join or barrier between them, so "
            + "on real hardware they run at the same time. In Swift that is undefined behaviour, not just a lost "
            + "update. Protect \(variable) with a Mutex, make it an Atomic, or give each thread its own copy.")
        if others > 0 {
            report.details.append("ThreadSanitizer made \(counted(others, "more report")) in this run; "
                + "fix this one and run again.")
        }
    }

    func describe(crash: CrashReport, race: SanitizerWarning?, into report: inout ScenarioReport) {
        report.verdict = .bug
        let thread = crash.thread ?? race.map { $0.name(of: $0.accesses[0]) } ?? "a thread"
        report.threads = [thread]
        if let check = crash.failedCheck, judge.sources[check.file] != nil {
            report.kind = .invariant
            report.message = "\(check.kind.lowercased()) at \(check.file):\(check.line): \(crash.description)"
            report.trace = [TraceStep(thread: 0, operation: "check failed: \(crash.description)",
                                      file: check.file, line: check.line)]
        } else {
            report.kind = .crash
            let frame = site(crash.frames) ?? crash.failedCheck.flatMap { check in
                judge.sources[check.file] != nil ? StackFrame(function: "", file: check.file, line: check.line) : nil
            }
            report.message = "\(thread) crashed (\(crash.description))"
                + (frame.map { " at \($0.fileName!):\($0.line!)" } ?? "")
            report.trace = frame.map { [TraceStep(thread: 0, operation: "crash: \(crash.description)",
                                                  file: $0.fileName, line: $0.line)] } ?? []
            if let frame { report.details.append("The crash happened at \(located(frame)); stack: \(stack(crash.frames))") }
            report.details.append("A race on an Array, Dictionary or String can corrupt its buffer: two threads "
                + "growing or copying one storage at once free or overwrite memory the other still uses. "
                + "Free-threaded Python locks each list and dict for you; Swift leaves it to you (a Mutex, one "
                + "copy per thread merged at the end, or an actor).")
        }
        if let race {
            var raced = ScenarioReport(scenario: "", engine: .stress, verdict: .bug, message: "", seed: 0, strategy: "",
                                       schedulesRun: 0, failuresSeen: 0)
            describe(race: race, others: 0, into: &raced)
            report.details.append("Before that, ThreadSanitizer saw a \(raced.message)")
            report.details += raced.details.prefix(2)
        }
    }
}

/// Readable Swift names for mangled symbols, from the toolchain's `swift-demangle`.
public enum Demangler {
    public static func names(_ symbols: [String], toolchain: Toolchain) -> [String: String] {
        let tool = toolchain.swiftc.deletingLastPathComponent().appendingPathComponent("swift-demangle").path
        let mangled = symbols.filter { $0.hasPrefix("$s") }
        guard !mangled.isEmpty, FileManager.default.isExecutableFile(atPath: tool) else { return [:] }
        let result = ChildProcess.capture(executable: tool, arguments: ["--simplified"] + mangled, timeout: 10)
        var names: [String: String] = [:]
        for line in String(decoding: result.output, as: UTF8.self).split(separator: "\n") {
            let parts = line.components(separatedBy: " ---> ")
            if parts.count == 2 { names[parts[0]] = parts[1] }
        }
        return names
    }
}
