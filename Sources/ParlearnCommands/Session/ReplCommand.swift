import ArgumentParser

/// `parlearn repl`, also what `parlearn` alone runs.
struct ReplCommand: WorkbookCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl", abstract: "Start the interactive workbook (what `parlearn` alone does).")
    @OptionGroup var global: GlobalOptions

    func run(in context: CommandContext) throws -> Int32 {
        guard let start = context.startREPL else {
            context.console.note("You are in the workbook already; `help` lists the commands.")
            return 0
        }
        return start(context)
    }
}
