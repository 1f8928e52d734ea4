import ArgumentParser

struct ReplayCommand: WorkbookCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay", abstract: "Re-run one schedule exactly and show its interleaving.",
        discussion: """
            The schedule string is printed by `explore`. \
            Exit status: 0 clean, 1 bug, 2 usage or compile error.
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: .program) var program: String
    @Argument(help: "The schedule string.") var schedule: String
    @Option(help: "The scenario the schedule belongs to, when the program declares several.") var scenario: String?
    @Flag(help: "Print the report as JSON.") var json = false

    func run(in context: CommandContext) throws -> Int32 {
        context.replay(program, schedule: schedule, scenario: scenario, json: json)
    }
}
