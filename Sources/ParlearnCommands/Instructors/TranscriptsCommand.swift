import ArgumentParser

struct TranscriptsCommand: WorkbookCommand {
    static let configuration = CommandConfiguration(
        commandName: "transcripts",
        abstract: "Regenerate the checker output quoted in chapters from real explores.",
        discussion: """
            Each <!-- checker-output NAME --> block in a chapter.md is refilled from `explore` with seed 0. \
            With --check nothing is written and the status is 1 when a block is stale.
            """)
    @OptionGroup var global: GlobalOptions
    @Flag(help: "Only report stale blocks.") var check = false
    func run(in context: CommandContext) throws -> Int32 { context.transcripts(check: check) }
}
