import ArgumentParser

struct RunCommand: WorkbookCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Compile and run a program in a child process.",
        discussion: "Ctrl-C stops it; a second Ctrl-C kills it. Exit status: 0 exited 0, 1 otherwise, 2 compile error.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: .program) var program: String
    func run(in context: CommandContext) throws -> Int32 { context.run(program) }
}
