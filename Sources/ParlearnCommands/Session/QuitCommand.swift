import ArgumentParser

struct QuitCommand: WorkbookCommand {
    static let configuration = CommandConfiguration(
        commandName: "quit", abstract: "Leave the interactive workbook (Ctrl-D works too).", aliases: ["exit"])
    @OptionGroup var global: GlobalOptions

    func run(in context: CommandContext) throws -> Int32 {
        context.quitRequested = true
        return 0
    }
}
