import Foundation
import ParlearnCommands

// From here on Ctrl-C sets a flag instead of ending the process: a running learner program
// receives it instead (see SigintWatch).
SigintWatch.install()
let context = CommandContext(
    frontEnd: .commandLine, console: Console(), lines: PlainLineReader(), interruptRequested: SigintWatch.take)
context.startREPL = { REPL(console: $0.console).run() }
exit(CommandDispatcher.run(arguments: Array(CommandLine.arguments.dropFirst()), in: context))
