import ArgumentParser

struct OpenCommand: WorkbookCommand {
    static let configuration = CommandConfiguration(
        commandName: "open", abstract: "Open a chapter: its programs and sections become the defaults (REPL).",
        discussion: """
            Accepts the folder name (01-threads), its number (01) or its slug (threads). The chapter \
            stays open for the commands that follow, so this works in the interactive workbook only.
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The chapter, e.g. 01-threads.") var chapter: String

    func run(in context: CommandContext) throws -> Int32 {
        guard context.requireREPL("open \(chapter)") else { return 2 }
        return context.open(chapter)
    }
}
