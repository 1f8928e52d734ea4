/// What kind of word a command takes, so TAB can complete it.
public enum ArgumentKind: Sendable, Equatable {
    case none
    case chapter
    case program
    case exercise
    case command
    case section
}

/// One REPL command: its name, how to call it and what it does.
public struct CommandSpec: Sendable, Equatable {
    public var name: String
    public var aliases: [String]
    public var usage: String
    public var summary: String
    public var details: String
    public var argument: ArgumentKind
    /// Options it accepts, for completion after the argument ("--seed").
    public var options: [String]

    public init(_ name: String, aliases: [String] = [], usage: String, summary: String, details: String = "",
                argument: ArgumentKind = .none, options: [String] = []) {
        self.name = name
        self.aliases = aliases
        self.usage = usage
        self.summary = summary
        self.details = details
        self.argument = argument
        self.options = options
    }
}

/// Every REPL command, in the order `help` lists them.
public enum CommandCatalog {
    static let exploreOptions = ["--strategy", "--schedules", "--seed", "--depth", "--preemption-bound", "--json"]

    public static let all: [CommandSpec] = [
        CommandSpec("help", aliases: ["?"], usage: "help [command]", summary: "list commands, or explain one", argument: .command),
        CommandSpec("chapters", usage: "chapters", summary: "list the chapters"),
        CommandSpec("open", usage: "open <chapter>", summary: "open a chapter: its programs and text become the context",
                    details: "Accepts the folder name (01-threads), its number (01) or its slug (threads).", argument: .chapter),
        CommandSpec("read", usage: "read [next|prev|<section>]", summary: "read the open chapter a section at a time",
                    details: "With no argument, shows the current section. `next` and `prev` page; a section name jumps.",
                    argument: .section),
        CommandSpec("next", usage: "next", summary: "read the next section"),
        CommandSpec("prev", usage: "prev", summary: "read the previous section"),
        CommandSpec("programs", usage: "programs", summary: "list the open chapter's programs and what each shows"),
        CommandSpec("run", usage: "run <program>", summary: "compile and run a program in a child process (Ctrl-C stops it)",
                    details: "A program is a name in the open chapter (racy), chapter/name (01-threads/racy) or a .swift file.",
                    argument: .program),
        CommandSpec("show", usage: "show <program>", summary: "print a program's source with highlighting", argument: .program),
        CommandSpec("explore", usage: "explore <program> [--strategy random|pct|dfs|portfolio] [--schedules N] [--seed S] [--depth D] [--preemption-bound P] [--json]",
                    summary: "explore a program's interleavings under the checker",
                    details: "Runs the program under the controlled scheduler and prints the verdict, the minimised failing interleaving and a replay command.",
                    argument: .program, options: exploreOptions),
        CommandSpec("replay", usage: "replay <program> <schedule> [--scenario NAME] [--json]",
                    summary: "re-run one schedule exactly and show its interleaving", argument: .program, options: ["--scenario", "--json"]),
        CommandSpec("exercises", usage: "exercises", summary: "list the exercises with status and points"),
        CommandSpec("start", usage: "start <exercise>", summary: "begin an exercise: shows the task and the file to edit", argument: .exercise),
        CommandSpec("edit", usage: "edit [exercise]", summary: "open the current exercise in $EDITOR", argument: .exercise),
        CommandSpec("check", usage: "check [exercise] [--stress]", summary: "check an exercise under the stress schedulers",
                    argument: .exercise, options: ["--stress"]),
        CommandSpec("hint", usage: "hint", summary: "show the next hint for the current exercise"),
        CommandSpec("watch", usage: "watch", summary: "re-check the current exercise on every save, until Ctrl-C"),
        CommandSpec("solution", usage: "solution", summary: "show the reference solution (after you pass)"),
        CommandSpec("reset", usage: "reset <exercise>", summary: "restore the starter file; your version is backed up", argument: .exercise),
        CommandSpec("progress", usage: "progress", summary: "your points and exercises done"),
        CommandSpec("doctor", usage: "doctor", summary: "check the toolchain, the kit and the async engine's self-test"),
        CommandSpec("quit", aliases: ["exit"], usage: "quit", summary: "leave parlearn (Ctrl-D works too)"),
    ]

    public static func spec(named name: String) -> CommandSpec? {
        all.first { $0.name == name || $0.aliases.contains(name) }
    }

    public static var names: [String] { all.map(\.name) }
}
