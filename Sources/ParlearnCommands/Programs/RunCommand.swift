import ArgumentParser

struct RunCommand: WorkbookCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Compile and run a program in a child process.",
        discussion: "Ctrl-C stops it; a second Ctrl-C kills it. Exit status: 0 exited 0, 1 otherwise, 2 compile error.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: .program) var program: String
    @Option(help: "Stop the program after this many seconds (default 20).") var timeout: Double?

    func validate() throws {
        if let timeout, !(timeout > 0 && timeout <= 3600) {
            throw ValidationError("--timeout must be between 0 and 3600 seconds")
        }
    }

    func run(in context: CommandContext) throws -> Int32 { context.run(program, timeout: timeout) }
}
