import ArgumentParser

struct NextCommand: WorkbookCommand {
    static let configuration = CommandConfiguration(
        commandName: "next", abstract: "Read the next section of the open chapter (REPL).")
    @OptionGroup var global: GlobalOptions

    func run(in context: CommandContext) throws -> Int32 {
        guard context.requireREPL("next") else { return 2 }
        return context.read("next")
    }
}
