import ArgumentParser

struct ReadCommand: WorkbookCommand {
    static let configuration = CommandConfiguration(
        commandName: "read", abstract: "Read a chapter, a section at a time.",
        discussion: """
            The first word may name the chapter; in the REPL it defaults to the open one. Then a \
            section: a title (or the start of one), `next`, `prev` or `all`. Without one the REPL \
            shows the current section and `parlearn read` prints the whole chapter.
            Examples: parlearn read 01-threads; parlearn read 01-threads "bank transfer"; read next
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("[chapter] then a section, `next`, `prev` or `all`.", valueName: "section"))
    var words: [String] = []
    @Flag(name: .customLong("no-pager"), help: "Print straight to the terminal instead of through $PAGER (less -R).")
    var noPager = false

    func run(in context: CommandContext) throws -> Int32 {
        var words = words
        var chapter: String?
        if let first = words.first, context.frontEnd == .commandLine || context.library.chapter(first) != nil {
            chapter = words.removeFirst()
        }
        guard chapter != nil || context.frontEnd == .repl else {
            throw ValidationError("Name a chapter, e.g. `parlearn read 01-threads`.")
        }
        let section = words.isEmpty ? (context.frontEnd == .commandLine ? "all" : nil) : words.joined(separator: " ")
        return context.read(section, chapter: chapter, pager: !noPager)
    }
}
