import ArgumentParser

struct StepCommand: WorkbookCommand {
    static let configuration = CommandConfiguration(
        commandName: "step", abstract: "Be the scheduler: choose which thread runs at every step.",
        discussion: """
            Shows every thread's next operation and line, who is blocked on what, and the shared \
            state. Type a thread's number or name; `back` undoes, `auto N` lets the scheduler run, \
            `goal`, `help`, `quit`. Reach the failure and it prints the interleaving and a schedule \
            `replay` accepts. Choices come one per line, from the terminal or piped input. \
            Thread scenarios only. Exit status: 0, or 2 for a usage or compile error.
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: .program) var program: String
    @Option(help: "The scenario to step through (default: the first).") var scenario: String?

    func run(in context: CommandContext) throws -> Int32 {
        context.step(program, scenario: scenario)
    }
}
