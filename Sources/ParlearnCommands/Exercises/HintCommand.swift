import ArgumentParser

struct HintCommand: WorkbookCommand {
    static let configuration = CommandConfiguration(
        commandName: "hint", abstract: "Show the next hint for an exercise.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The exercise id; the current exercise when left out.") var exercise: String?
    func run(in context: CommandContext) throws -> Int32 { context.hint(exercise) }
}
