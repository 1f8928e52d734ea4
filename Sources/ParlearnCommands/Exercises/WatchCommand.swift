import ArgumentParser

struct WatchCommand: WorkbookCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch", abstract: "Re-check an exercise on every save, until Ctrl-C.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The exercise id; the current exercise when left out.") var exercise: String?
    func run(in context: CommandContext) throws -> Int32 { context.watch(exercise) }
}
