import ArgumentParser
import ParLearnKit

struct ExploreCommand: WorkbookCommand {
    static let configuration = CommandConfiguration(
        commandName: "explore", abstract: "Explore a program's interleavings under the controlled scheduler.",
        discussion: """
            Prints the verdict, the minimised failing interleaving and the command that replays it. \
            Exit status: 0 clean, 1 bug found, 2 usage or compile error.
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: .program) var program: String
    @Option(help: "random, pct, dfs or portfolio (default: the chapter's, else portfolio).")
    var strategy: RunRequest.Strategy?
    @Option(help: "Most schedules to explore (default: the chapter's budget, else 1000).") var schedules: Int?
    @Option(help: "The seed; the same seed gives the same schedules and verdict.") var seed: UInt64?
    @Option(help: "PCT depth d.") var depth: Int?
    @Option(name: .customLong("preemption-bound"), help: "DFS preemption bound P.") var preemptionBound: Int?
    @Option(name: .customLong("time-budget"),
            help: "Stop exploring after SECONDS of CPU time (load does not shorten it); the report says how many ran.")
    var timeBudget: Double?
    @Flag(help: "Print the report as JSON.") var json = false

    func validate() throws {
        if let schedules, schedules <= 0 { throw ValidationError("--schedules must be > 0") }
        if let depth, depth <= 0 { throw ValidationError("--depth must be > 0") }
        if let preemptionBound, preemptionBound < 0 { throw ValidationError("--preemption-bound must be ≥ 0") }
        if let timeBudget, !(timeBudget > 0 && timeBudget <= 3600) {
            throw ValidationError("--time-budget must be a number of seconds > 0 and ≤ 3600")
        }
    }

    func run(in context: CommandContext) throws -> Int32 {
        let options = CommandContext.ExploreOptions(
            strategy: strategy, schedules: schedules, seed: seed, depth: depth, preemptionBound: preemptionBound,
            timeBudget: timeBudget, json: json)
        return context.explore(program, options: options)
    }
}

extension RunRequest.Strategy: ExpressibleByArgument {}
