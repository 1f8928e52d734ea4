import ArgumentParser

struct EditCommand: WorkbookCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit", abstract: "Open an exercise's file in $VISUAL or $EDITOR (vi when unset).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The exercise id; the current exercise when left out.") var exercise: String?
    func run(in context: CommandContext) throws -> Int32 { context.edit(exercise) }
}
