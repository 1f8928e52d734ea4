import Foundation
import WorkbookCore

/// The interactive loop: read a line, run the command, repeat until `quit` or Ctrl-D.
final class REPL {
    private let shell: Shell
    private var reader: (any LineReader)!

    init(shell: Shell) {
        self.shell = shell
    }

    func run() -> Int32 {
        reader = LineReaders.make { [unowned self] line in self.completions(for: line) }
        let console = shell.console
        if console.isInteractive {
            console.print("\(console.theme.paint("parlearn", .bold)): a workbook of parallel Swift. `help` lists commands; Ctrl-D leaves.")
            console.note("Start with `chapters` and `open 00-welcome`.")
        }
        while true {
            switch reader.readLine(prompt: prompt) {
            case .line(let line):
                if !dispatch(line) { return 0 }
            case .interrupted:
                continue
            case .endOfInput:
                if console.isInteractive { console.print() }
                return 0
            }
        }
    }

    private var prompt: String {
        let theme = shell.console.theme
        let chapter = shell.openChapter.map { " " + theme.paint($0.slug, .cyan) } ?? ""
        return theme.paint("parlearn", .bold) + chapter + "> "
    }

    func completions(for line: String) -> [String] {
        let library = shell.library
        let context = CompletionContext(
            chapters: library.chapters.map(\.slug),
            openChapterPrograms: shell.openChapter?.programs.map(\.name) ?? [],
            allPrograms: library.chapters.flatMap { chapter in chapter.programs.map { "\(chapter.slug)/\($0.name)" } },
            exercises: shell.exerciseIDs,
            sections: shell.sectionTitles)
        return TabCompletion.candidates(for: line, context: context)
    }

    /// Runs one line. Returns false when the session should end.
    func dispatch(_ line: String) -> Bool {
        let console = shell.console
        let parsed: ParsedCommand
        do {
            guard let command = try CommandLineParser.parse(line) else { return true }
            parsed = command
        } catch {
            console.error("a quote is not closed")
            return true
        }
        guard let spec = CommandCatalog.spec(named: parsed.name) else {
            console.error("unknown command '\(parsed.name)'\(Suggestions.didYouMean(parsed.name, among: CommandCatalog.names)) (`help` lists them)")
            return true
        }
        let args = parsed.positional
        switch spec.name {
        case "help": help(args.first)
        case "chapters": shell.chapters()
        case "open": shell.open(args.first)
        case "read": shell.read(args.isEmpty ? nil : args.joined(separator: " "))
        case "next": shell.read("next")
        case "prev": shell.read("prev")
        case "programs": shell.programs()
        case "run": shell.run(args.first)
        case "show": shell.show(args.first)
        case "explore":
            do {
                shell.explore(args.first, options: try Shell.ExploreOptions(parsed.options))
            } catch {
                console.error(error.message)
            }
        case "replay":
            shell.replay(args.first, schedule: args.dropFirst().first, scenario: parsed.options["scenario"],
                         json: parsed.options["json"] != nil)
        case "doctor": shell.doctor()
        case "quit": return false
        default: shell.exerciseCommand(spec.name, arguments: args, options: parsed.options)
        }
        return true
    }

    private func help(_ name: String?) {
        let console = shell.console
        guard let name else {
            let width = CommandCatalog.all.map(\.name.count).max() ?? 0
            for spec in CommandCatalog.all {
                console.print("  \(console.theme.paint(spec.name.padding(toLength: width, withPad: " ", startingAt: 0), .bold))  \(spec.summary)")
            }
            console.note("`help <command>` for details. Every command also runs from the shell: `parlearn <command> --help`.")
            return
        }
        guard let spec = CommandCatalog.spec(named: name) else {
            console.error("no command '\(name)'\(Suggestions.didYouMean(name, among: CommandCatalog.names))")
            return
        }
        console.print(console.theme.paint("usage: \(spec.usage)", .bold))
        console.print(spec.summary)
        if !spec.details.isEmpty { console.print(spec.details) }
    }
}
