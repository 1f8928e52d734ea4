import ArgumentParser

struct ShowCommand: WorkbookCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Print a program's source with highlighting.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: .program) var program: String
    func run(in context: CommandContext) throws -> Int32 { context.show(program) }
}
