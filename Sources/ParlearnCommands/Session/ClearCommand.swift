import ArgumentParser

struct ClearCommand: WorkbookCommand {
    static let configuration = CommandConfiguration(
        commandName: "clear", abstract: "Clear the screen (on a terminal; piped output is left alone).")
    @OptionGroup var global: GlobalOptions

    func run(in context: CommandContext) throws -> Int32 {
        // Home, erase the screen, erase the scrollback: what `clear` does on xterm-like terminals.
        if context.console.isInteractive { context.console.write("\u{1B}[H\u{1B}[2J\u{1B}[3J") }
        return 0
    }
}
