import ArgumentParser

struct ProgramsCommand: WorkbookCommand {
    static let configuration = CommandConfiguration(
        commandName: "programs", abstract: "List a chapter's programs and what each shows.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The chapter, e.g. 01-threads; in the REPL, the open one when left out.") var chapter: String?
    func run(in context: CommandContext) throws -> Int32 { context.programs(chapter: chapter) }
}
