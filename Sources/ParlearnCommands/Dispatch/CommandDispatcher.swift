import ArgumentParser
import WorkbookCore

/// Runs `parlearn <command> …` and REPL lines through the same parser (swift-argument-parser's
/// `parseAsRoot` over `Parlearn`), so help, usage and errors read the same in both.
public enum CommandDispatcher {
    /// Every word that names a command, aliases included, plus the parser's own `help`.
    static let commandNames: [String] =
        Parlearn.commands.flatMap { [$0._commandName] + $0.configuration.aliases } + ["help"]

    /// One REPL line. A line pasted from a shell (`parlearn explore …`) works as typed.
    @discardableResult
    public static func run(line: String, in context: CommandContext) -> Int32 {
        let words: [String]
        do {
            words = try ShellWords.split(line)
        } catch {
            context.console.error("a quote is not closed")
            return 2
        }
        guard !words.isEmpty else { return 0 }
        return run(words.first == "parlearn" ? Array(words.dropFirst()) : words, in: context)
    }

    /// `parlearn` with these arguments. No command at all, or only options, starts the REPL.
    public static func run(arguments: [String], in context: CommandContext) -> Int32 {
        let builtIn: Set<String> = ["-h", "--help", "--version", "--experimental-dump-help"]
        if arguments.first.map({ $0.hasPrefix("-") && !builtIn.contains($0) }) ?? true {
            return run(["repl"] + arguments, in: context)
        }
        return run(arguments, in: context)
    }

    private static func run(_ words: [String], in context: CommandContext) -> Int32 {
        var words = words
        if words.first == "?" { words[0] = "help" }
        // The parser's own `help X` would show the overview for an unknown X; name it instead.
        let named = words.first == "help" ? words.dropFirst().first : words.first
        if let name = named, !name.hasPrefix("-"), !commandNames.contains(name) {
            let known = commandNames.filter { $0 != "repl" || context.frontEnd == .commandLine }
            context.console.error("unknown command '\(name)'\(Suggestions.didYouMean(name, among: known))"
                                  + " (`\(context.frontEnd == .repl ? "" : "parlearn ")help` lists them)")
            return 2
        }
        do {
            var parsed = try Parlearn.parseAsRoot(words)
            guard let command = parsed as? any WorkbookCommand else {
                try parsed.run()  // the parser's own `help`, which reports through an error
                return 0
            }
            context.reloadExercises()
            let console = context.console
            context.console = console.recoloured(command.global.colour)
            defer { context.console = console }
            return try command.run(in: context)
        } catch {
            return report(error, on: context.console)
        }
    }

    /// Help and version go to the output; problems to the error stream with their usage. A usage
    /// mistake is status 2, as the docs promise (the parser's own default is 64).
    private static func report(_ error: any Error, on console: Console) -> Int32 {
        let message = Parlearn.fullMessage(for: error)
        let code = Parlearn.exitCode(for: error)
        if code == .success {
            console.print(message)
            return 0
        }
        if !message.isEmpty { console.error(message) }
        return code == .validationFailure ? 2 : code.rawValue
    }
}
