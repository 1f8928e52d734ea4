import ArgumentParser

struct ProgressCommand: WorkbookCommand {
    static let configuration = CommandConfiguration(
        commandName: "progress", abstract: "Show your points and the exercises you have passed.")
    @OptionGroup var global: GlobalOptions
    func run(in context: CommandContext) throws -> Int32 { context.progress() }
}
