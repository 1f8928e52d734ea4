import ArgumentParser

struct StartCommand: WorkbookCommand {
    static let configuration = CommandConfiguration(
        commandName: "start", abstract: "Begin an exercise: print its task and the file to edit.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The exercise id, e.g. threads-counter.") var exercise: String
    func run(in context: CommandContext) throws -> Int32 { context.start(exercise) }
}
