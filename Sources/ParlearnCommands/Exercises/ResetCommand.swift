import ArgumentParser

struct ResetCommand: WorkbookCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset", abstract: "Restore an exercise's starter file, backing up your version first.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The exercise id (default: the current exercise).") var exercise: String?
    func run(in context: CommandContext) throws -> Int32 { context.reset(exercise) }
}
