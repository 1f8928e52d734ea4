import ArgumentParser

struct LockCommand: WorkbookCommand {
    static let configuration = CommandConfiguration(
        commandName: "lock", abstract: "Record the hashes of every check file and manifest in exercises/checks.lock.")
    @OptionGroup var global: GlobalOptions
    func run(in context: CommandContext) throws -> Int32 { context.lock() }
}
