import Foundation
import ParLearnKit

/// Where a step-mode run stands after replaying the learner's choices in a child process.
public enum StepState: Sendable {
    /// Waiting for the next choice: every thread with its pending operation.
    case paused(DecisionPoint, ScenarioReport)
    /// The choices made the scenario fail (a check, a deadlock, a livelock, a crash): the goal.
    case failed(ScenarioReport)
    /// The scenario ran to its end without failing.
    case ended(ScenarioReport)
    /// No state to show: the child did not report one (a timeout, an async scenario, …).
    case problem(String)

    /// Reads one step child's outcome.
    public init(_ outcome: CheckerOutcome) {
        let verdict = CheckerVerdict(outcome, request: RunRequest(mode: .step, schedule: ""))
        if let problem = verdict.problem, verdict.decisive?.kind != .crash {
            self = .problem(problem)
            return
        }
        guard let report = verdict.decisive else {
            self = .problem("the program reported no scenario")
            return
        }
        if report.engine == .async {
            self = .problem(
                "this is an async scenario, and the async engine cannot pause at a decision it could "
                    + "describe yet, so step mode drives thread scenarios only. Use `explore` and `replay` here.")
        } else if let point = report.decisionPoint {
            self = .paused(point, report)
        } else if report.verdict == .bug, let kind = report.kind, StepGoal.failureKinds.contains(kind) {
            self = .failed(report)
        } else {
            self = .ended(report)
        }
    }
}

/// What the learner is asked to reach, from the program's chapter entry or exercise.
public struct StepGoal: Sendable, Equatable {
    /// The kind of failure the program is known to have; nil when unknown.
    public var kind: BugKind?
    /// The program is a fixed one: no schedule should fail.
    public var expectClean: Bool

    public init(kind: BugKind? = nil, expectClean: Bool = false) {
        self.kind = kind
        self.expectClean = expectClean
    }

    /// Failures that end a schedule: what a learner can reach by choosing threads.
    public static let failureKinds: [BugKind] = [.invariant, .deadlock, .livelock, .crash]

    public static func of(_ target: ProgramTarget) -> StepGoal {
        guard let spec = target.spec else { return StepGoal() }
        return StepGoal(kind: spec.kind, expectClean: spec.expect == .clean)
    }

    public var text: String {
        if expectClean {
            return "This program is the fixed version: try to make it fail. If no path does, `explore` checks the "
                + "schedules for you."
        }
        switch kind {
        case .deadlock?: return "Choose threads so that they deadlock: every thread left waits for another."
        case .livelock?: return "Choose threads so that they spin forever without making progress."
        default: return "Choose threads so that a check fails (or the threads deadlock)."
        }
    }
}

/// Runs the program once per step: the child replays the choices so far and reports the next
/// decision. The program is compiled once; each step is a short child run, so undo is exact.
public struct StepRunner: Sendable {
    public var runner: ProgramRunner
    public var binary: URL
    public var scenario: String?
    /// Seconds one step child may take.
    public var timeout: Double = 10
    public var interruptRequested: @Sendable () -> Bool = { false }

    public init(runner: ProgramRunner, binary: URL, scenario: String?) {
        self.runner = runner
        self.binary = binary
        self.scenario = scenario
    }

    public func state(after choices: [Int]) -> StepState {
        let request = RunRequest(
            mode: .step, schedule: ScheduleString.encode(choices), scenario: scenario,
            timeBudget: timeout)
        return StepState(
            runner.runChecker(
                binary: binary, request: request, timeout: timeout,
                interruptRequested: interruptRequested
            ) { _ in })
    }
}

/// The learner-as-scheduler loop, without terminal I/O: `handle` takes one input line and
/// returns what to print. The REPL and piped input drive it the same way.
public final class StepSession {
    public let goal: StepGoal
    public let wording: StepWording
    private let step: ([Int]) -> StepState
    /// The thread chosen at each decision so far.
    public private(set) var choices: [Int] = []
    public private(set) var state: StepState
    /// True once the learner reached a failure in this session.
    public private(set) var reachedGoal = false
    /// True after `quit`.
    public private(set) var finished = false

    /// Largest `auto N`.
    public static let autoLimit = 500

    public init(goal: StepGoal, wording: StepWording, step: @escaping ([Int]) -> StepState) {
        self.goal = goal
        self.wording = wording
        self.step = step
        state = step([])
    }

    /// The opening text: the goal and the first decision.
    public func start() -> [String] {
        wording.goal(goal) + [""] + show()
    }

    /// What the current state looks like.
    public func show() -> [String] {
        wording.state(state, choices: choices, goal: goal)
    }

    /// Handles one line of input.
    public func handle(_ line: String) -> [String] {
        let words = line.split(whereSeparator: \.isWhitespace).map(String.init)
        guard let command = words.first else { return wording.prompt(state) }
        switch command.lowercased() {
        case "quit", "q", "exit":
            finished = true
            return wording.farewell(choices: choices, reachedGoal: reachedGoal)
        case "back", "undo":
            guard !choices.isEmpty else { return [wording.nothingToUndo] }
            choices.removeLast()
            return advance(to: choices)
        case "goal":
            return wording.goal(goal)
        case "help", "?":
            return wording.help
        case "show", "state":
            return show()
        case "auto":
            return auto(words.dropFirst().first)
        default:
            return choose(command)
        }
    }

    private func choose(_ word: String) -> [String] {
        guard case .paused(let point, _) = state else { return [wording.runIsOver] }
        switch wording.resolve(word, in: point) {
        case .failure(let refusal): return refusal.lines
        case .success(let id): return advance(to: choices + [id])
        }
    }

    /// `auto N`: the thread that ran last goes on while it can, else the lowest runnable id,
    /// as a scheduler that never preempts would do. Stops early at the end or a failure.
    private func auto(_ count: String?) -> [String] {
        guard let n = count.map({ Int($0) }) ?? 1, n > 0, n <= Self.autoLimit else {
            return [wording.autoUsage(limit: Self.autoLimit)]
        }
        guard case .paused = state else { return [wording.runIsOver] }
        var taken = 0
        while taken < n, case .paused(let point, _) = state {
            let runnable = point.runnable
            let next = choices.last.flatMap { runnable.contains($0) ? $0 : nil } ?? runnable[0]
            choices.append(next)
            state = step(choices)
            taken += 1
        }
        return wording.autoTook(taken) + afterMove()
    }

    private func advance(to newChoices: [Int]) -> [String] {
        choices = newChoices
        state = step(choices)
        return afterMove()
    }

    private func afterMove() -> [String] {
        if case .failed = state { reachedGoal = true }
        return show()
    }
}
