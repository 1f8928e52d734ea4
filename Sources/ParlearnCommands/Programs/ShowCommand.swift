import ArgumentParser

struct ShowCommand: WorkbookCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Print a program's source with highlighting.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: .program) var program: String
    @Flag(name: .customLong("no-pager"), help: "Print straight to the terminal instead of through $PAGER (less -R).")
    var noPager = false
    func run(in context: CommandContext) throws -> Int32 { context.show(program, pager: !noPager) }
}
