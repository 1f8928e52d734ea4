import ArgumentParser
import WorkbookCore

struct OutcomesCommand: WorkbookCommand {
    static let configuration = CommandConfiguration(
        commandName: "outcomes", abstract: "Run every schedule and show a histogram of the final outcomes.",
        discussion: """
            The outcome is the value the scenario passes to `outcome(...)`. Each bar has its count, \
            share, tag (acceptable, forbidden, interesting) and a witness schedule. \
            Exit status: 0, 1 when a forbidden outcome occurs, 2 for a usage or compile error.
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: .program) var program: String
    @Flag(help: "Run every interleaving (the default).") var exhaustive = false
    @Option(help: "Sample N random schedules instead, for programs too big for --exhaustive.") var schedules: Int?
    @Option(help: "The seed of the sample.") var seed: UInt64?
    @Option(help: "The scenario (default: the first).") var scenario: String?
    @Flag(help: "Print the histogram as JSON.") var json = false

    func validate() throws {
        if exhaustive && schedules != nil {
            throw ValidationError("choose one: --exhaustive runs every schedule, --schedules N samples N")
        }
        if let schedules, schedules <= 0 { throw ValidationError("--schedules must be > 0") }
        if seed != nil && schedules == nil {
            throw ValidationError("--seed goes with --schedules N; --exhaustive needs no seed")
        }
    }

    func run(in context: CommandContext) throws -> Int32 {
        let coverage: OutcomeRun.Coverage = schedules.map { .sampled(schedules: $0, seed: seed ?? 0) } ?? .exhaustive
        return context.outcomes(program, coverage: coverage, scenario: scenario, json: json)
    }
}
