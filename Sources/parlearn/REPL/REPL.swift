import Foundation
import ParlearnCommands
import WorkbookCore

/// The interactive loop: read a line, dispatch it like `parlearn <line>`, repeat until `quit` or
/// Ctrl-D. The REPL's context (open chapter, section, current exercise) lives in its
/// `CommandContext`, which the commands read as defaults.
final class REPL {
    private let console: Console
    private var context: CommandContext?

    init(console: Console) {
        self.console = console
    }

    func run() -> Int32 {
        let reader = LineReaders.make { [unowned self] line in self.context?.completions(for: line) ?? [] }
        let context = CommandContext(frontEnd: .repl, console: console, lines: reader,
                                     interruptRequested: SigintWatch.take)
        self.context = context
        if console.isInteractive {
            console.printEntry(console.theme.paint("parlearn", .bold) + ": ", leadWidth: 10,
                               [StyledRun("a workbook of parallel Swift. `help` lists commands; Ctrl-D leaves.")])
            console.note("Start with `chapters` and `open 00-welcome`.")
        }
        while true {
            switch reader.readLine(prompt: prompt(context)) {
            case .line(let line):
                CommandDispatcher.run(line: line, in: context)
                if context.quitRequested { return 0 }
            case .interrupted:
                continue
            case .endOfInput:
                if console.isInteractive { console.print() }
                return 0
            }
        }
    }

    private func prompt(_ context: CommandContext) -> String {
        let theme = console.theme
        let chapter = context.openChapter.map { " " + theme.paint($0.slug, .cyan) } ?? ""
        return theme.paint("parlearn", .bold) + chapter + "> "
    }
}
