import ArgumentParser

struct ChaptersCommand: WorkbookCommand {
    static let configuration = CommandConfiguration(commandName: "chapters", abstract: "List the chapters.")
    @OptionGroup var global: GlobalOptions
    func run(in context: CommandContext) throws -> Int32 { context.chapters() }
}
