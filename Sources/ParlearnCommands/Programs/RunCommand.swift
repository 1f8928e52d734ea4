import ArgumentParser

struct RunCommand: WorkbookCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Compile and run a program in a child process.",
        discussion: """
            A folder holding a Package.swift is built with `swift build` (cached in the workbook's cache, \
            so only the first build of its dependencies is slow) and its executable is run the same way; \
            arguments after `--` go to the program. Ctrl-C stops it; a second Ctrl-C kills it. \
            Exit status: 0 exited 0, 1 otherwise, 2 compile error.
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp(
        "chapter/name (01-threads/racy), a name in the open chapter (REPL), a .swift file or a package folder."))
    var program: String
    @Option(help: "Stop the program after this many seconds (default 20).") var timeout: Double?
    @Argument(parsing: .postTerminator, help: "Arguments for the program, after `--`.") var arguments: [String] = []

    func validate() throws {
        if let timeout, !(timeout > 0 && timeout <= 3600) {
            throw ValidationError("--timeout must be between 0 and 3600 seconds")
        }
    }

    func run(in context: CommandContext) throws -> Int32 {
        context.run(program, timeout: timeout, arguments: arguments)
    }
}
