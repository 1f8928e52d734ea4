import Foundation
import ParLearnKit
import Synchronization

/// `parlearn verify`'s loop: collects the cases for the content (or part of it), checks each one
/// and says whether it showed what it must.
public struct ContentVerifier: Sendable {
    /// One case checked.
    public struct Result: Sendable {
        public var item: VerificationCase
        public var verdict: CheckVerdict
        /// Why the case did not show what it must; nil when it did.
        public var problem: String?

        /// The line a learner or CI reads: what was proved, or what went wrong.
        public var summary: String {
            if let problem { return "\(item.label): \(problem)" }
            let found = verdict.kind == .doesNotCompile ? ""
                : verdict.bug.map { " (\($0.kind?.rawValue ?? "bug") after \(counted($0.schedulesRun, "schedule")))" }
                ?? " (\(counted(verdict.schedulesRun, "schedule")))"
            return "\(item.label) must \(item.expectation)\(found)"
        }
    }

    /// How the whole run went.
    public struct Summary: Sendable, Equatable {
        public var passed = 0
        /// Content that did not load, then every case that failed, one line each.
        public var failures: [String] = []
        /// Ctrl-C stopped the run before every case was checked.
        public var interrupted = false

        /// 0 when everything holds, 1 otherwise.
        public var exitStatus: Int32 { interrupted || !failures.isEmpty ? 1 : 0 }
    }

    public let checker: ExerciseChecker

    public init(checker: ExerciseChecker) {
        self.checker = checker
    }

    /// Every chapter program with an expectation and every exercise's starter and solution;
    /// `only` narrows it to chapters whose folder starts with it, or to one exercise id.
    public static func cases(library: ChapterLibrary, catalog: ExerciseCatalog, seeds: [UInt64],
                             only: String? = nil) -> [VerificationCase] {
        var cases: [VerificationCase] = []
        for chapter in library.chapters where only.map(chapter.slug.hasPrefix) ?? true {
            for program in chapter.programs {
                cases += ContentVerification.cases(
                    chapter: chapter.slug, program: program, file: chapter.url(of: program), seeds: seeds)
            }
        }
        for exercise in catalog.exercises
        where only.map({ exercise.directory.path.contains("/\($0)") || exercise.id == $0 }) ?? true {
            cases += ContentVerification.cases(for: exercise)
        }
        return cases
    }

    /// Checks the cases, `jobs` at a time, and reports each in order as soon as it and every case
    /// before it have finished, so the output is the same for any `jobs`; Ctrl-C (an interrupted
    /// verdict) stops the run. `contentProblems` (content that did not load) count as failures up
    /// front. Verdicts do not depend on `jobs`: budgets are counts and CPU time, never wall time.
    public func run(_ cases: [VerificationCase], jobs: Int = 1, contentProblems: [String] = [],
                    onResult: (Result) -> Void) -> Summary {
        var summary = Summary(failures: contentProblems.map { "content: \($0)" })
        let slots = VerdictSlots(count: cases.count)
        for _ in 0..<max(1, min(jobs, cases.count)) {
            Thread { [checker] in
                while let index = slots.claim() {
                    let verdict = checker.check(cases[index].inputs, replayTarget: cases[index].label)
                    slots.fill(index, with: verdict)
                }
            }.start()
        }
        for (index, item) in cases.enumerated() {
            let verdict = slots.wait(for: index)
            if verdict.kind == .interrupted {
                summary.interrupted = true
                return summary
            }
            let result = Result(item: item, verdict: verdict,
                                problem: ContentVerification.problem(expectation: item.expectation, verdict: verdict))
            if result.problem == nil { summary.passed += 1 } else { summary.failures.append(result.summary) }
            onResult(result)
        }
        return summary
    }
}

/// The verdicts of a verify run, filled by worker threads in any order and read in case order.
/// Cases are claimed in order and none is claimed after an interrupted one, so every case before
/// the first interrupted one is filled.
private final class VerdictSlots: Sendable {
    private struct State {
        var next = 0
        var stopped = false
        var verdicts: [CheckVerdict?]
    }
    private let state: Synchronization.Mutex<State>
    private let ready: [DispatchSemaphore]

    init(count: Int) {
        state = Synchronization.Mutex(State(verdicts: Array(repeating: nil, count: count)))
        ready = (0..<count).map { _ in DispatchSemaphore(value: 0) }
    }

    /// The next case to check; nil when none is left or the run was interrupted.
    func claim() -> Int? {
        state.withLock { state in
            guard !state.stopped, state.next < state.verdicts.count else { return nil }
            defer { state.next += 1 }
            return state.next
        }
    }

    func fill(_ index: Int, with verdict: CheckVerdict) {
        state.withLock { state in
            state.verdicts[index] = verdict
            if verdict.kind == .interrupted { state.stopped = true }
        }
        ready[index].signal()
    }

    func wait(for index: Int) -> CheckVerdict {
        ready[index].wait()
        return state.withLock { $0.verdicts[index]! }
    }
}
