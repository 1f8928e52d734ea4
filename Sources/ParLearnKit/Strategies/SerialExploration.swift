/// What minimisation needs to know about one execution of any engine.
protocol MinimisableExecution {
    var bugKind: BugKind? { get }
    var preemptions: Int { get }
    /// The work the execution did (jobs or scheduling decisions): what bounds the minimiser.
    var steps: Int { get }
}

/// The search and the shrinking of the engines that run executions one after another (async,
/// processes); the thread engine has its own, for parallel streams.
enum SerialExploration {
    /// Runs executions 0, 1, … until one fails, `budget` executions have run, the strategy has
    /// nothing left, or `deadline` passes (after execution 0). Execution 0 measures the scenario
    /// for PCT's parameters. Returns the first failure and the number of executions run.
    static func search<R: MinimisableExecution>(_ strategy: inout any SchedulingStrategy, budget: Int, deadline: CPUDeadline?,
                                                execute: (inout any SchedulingStrategy, Int) -> R?) -> (found: R?, runs: Int) {
        var runs = 0
        while runs < budget {
            if runs > 0, let deadline, deadline.hasPassed { break }
            guard let result = execute(&strategy, runs) else { break }
            if runs == 0 { strategy.adopt(strategy.measuredShape) }
            runs += 1
            if result.bugKind != nil { return (result, runs) }
        }
        return (nil, runs)
    }

    /// The failing schedule with the fewest preemptions that still shows the same kind of bug:
    /// bounded DFS with bound 0, 1, … below the original count, first hit wins. It never has
    /// more preemptions than the original, which is kept if nothing smaller fails in the budget.
    /// Both budgets are counts (executions and their steps), never times, so that the schedule it
    /// shows is the same under any load.
    static func minimise<R: MinimisableExecution>(_ found: R, budget: Int, steps stepBudget: Int,
                                                  execute: (inout any SchedulingStrategy, Int) -> R?) -> R {
        guard let kind = found.bugKind, found.preemptions > 0 else { return found }
        var (spent, steps) = (0, 0)
        for bound in 0..<found.preemptions {
            var dfs: any SchedulingStrategy = BoundedDFS(preemptionBound: bound)
            var index = 0
            while spent < budget && steps < stepBudget {
                guard let result = execute(&dfs, index) else { break }
                spent += 1
                steps += result.steps
                index += 1
                if result.bugKind == kind && result.preemptions < found.preemptions { return result }
            }
        }
        return found
    }
}

extension RunRequest {
    /// Why a clean exploration ran fewer schedules than asked, when its time budget ended it.
    func budgetNote(runs: Int, deadline: CPUDeadline?) -> String? {
        guard runs < schedules, let timeBudget, deadline?.hasPassed == true else { return nil }
        return "the time budget of \(timeBudget) s of CPU time ended the exploration after \(runs) of "
            + counted(schedules, "schedule")
    }
}
