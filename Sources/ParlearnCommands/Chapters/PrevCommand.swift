import ArgumentParser

struct PrevCommand: WorkbookCommand {
    static let configuration = CommandConfiguration(
        commandName: "prev", abstract: "Read the previous section of the open chapter (REPL).")
    @OptionGroup var global: GlobalOptions

    func run(in context: CommandContext) throws -> Int32 {
        guard context.requireREPL("prev") else { return 2 }
        return context.read("prev")
    }
}
