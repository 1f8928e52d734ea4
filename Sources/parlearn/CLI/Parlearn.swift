import ArgumentParser
import Foundation
import ParLearnKit
import WorkbookCore

/// `parlearn` with no arguments starts the REPL; every REPL command is also a subcommand.
struct Parlearn: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parlearn",
        abstract: "A workbook for parallel programming in Swift: chapters, programs and a race-finding checker.",
        discussion: "Run with no arguments for the interactive workbook.",
        version: "0.1.0",
        subcommands: [
            Repl.self, ChaptersCommand.self, ReadCommand.self, ProgramsCommand.self, RunCommand.self, ShowCommand.self,
            ExploreCommand.self, ReplayCommand.self, ExercisesCommand.self, StartCommand.self, EditCommand.self, CheckCommand.self,
            HintCommand.self, WatchCommand.self, SolutionCommand.self, ResetCommand.self, ProgressCommand.self,
            GradeCommand.self, VerifyCommand.self, LockCommand.self, DoctorCommand.self, TranscriptsCommand.self,
        ],
        defaultSubcommand: Repl.self)
}

/// Options every subcommand shares.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("color"), help: "Colour output: auto, always or never.")
    var colour: ColourFlag = .auto

    /// A shell whose Ctrl-C reaches the running child, not this process.
    func makeShell() -> Shell {
        SigintWatch.install()
        return Shell(console: Console(colourFlag: colour), interruptRequested: SigintWatch.take)
    }
}

extension ColourFlag: ExpressibleByArgument {}

/// Ends the process with a command's status.
func finish(_ status: Int32) throws -> Never {
    throw ExitCode(status)
}

struct Repl: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "repl", abstract: "Start the interactive workbook (the default).")
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let status = REPL(shell: global.makeShell()).run()
        try finish(status)
    }
}

struct ChaptersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "chapters", abstract: "List the chapters.")
    @OptionGroup var global: GlobalOptions
    func run() throws { try finish(global.makeShell().chapters()) }
}

struct ReadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read", abstract: "Print a chapter, or one section of it.",
        discussion: "Examples: parlearn read 01-threads; parlearn read 01-threads \"bank transfer\"")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The chapter, e.g. 01-threads.") var chapter: String
    @Argument(help: "A section name; without it the whole chapter is printed.") var section: [String] = []

    func run() throws {
        try finish(global.makeShell().read(section.isEmpty ? "all" : section.joined(separator: " "), chapter: chapter))
    }
}

struct ProgramsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "programs", abstract: "List a chapter's programs.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The chapter, e.g. 01-threads.") var chapter: String
    func run() throws { try finish(global.makeShell().programs(chapter: chapter)) }
}

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Compile and run a program in a child process.",
        discussion: "The program is chapter/name (01-threads/racy) or a .swift file. Ctrl-C stops it; a second Ctrl-C kills it.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "chapter/program or path/to/file.swift") var program: String
    func run() throws { try finish(global.makeShell().run(program)) }
}

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Print a program's source with highlighting.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "chapter/program or path/to/file.swift") var program: String
    func run() throws { try finish(global.makeShell().show(program)) }
}

struct ExploreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explore", abstract: "Explore a program's interleavings under the controlled scheduler.",
        discussion: "Exit status: 0 clean, 1 bug found, 2 usage or compile error.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "chapter/program or path/to/file.swift") var program: String
    @Option(help: "random, pct, dfs or portfolio (default: the chapter's, else portfolio).") var strategy: RunRequest.Strategy?
    @Option(help: "Most schedules to explore (default: the chapter's budget, else 1000).") var schedules: Int?
    @Option(help: "The seed; the same seed gives the same schedules and verdict.") var seed: UInt64?
    @Option(help: "PCT depth d.") var depth: Int?
    @Option(name: .customLong("preemption-bound"), help: "DFS preemption bound P.") var preemptionBound: Int?
    @Flag(help: "Print the report as JSON.") var json = false

    func validate() throws {
        if let schedules, schedules <= 0 { throw ValidationError("--schedules must be > 0") }
        if let depth, depth <= 0 { throw ValidationError("--depth must be > 0") }
        if let preemptionBound, preemptionBound < 0 { throw ValidationError("--preemption-bound must be ≥ 0") }
    }

    func run() throws {
        var options = Shell.ExploreOptions()
        options.strategy = strategy
        options.schedules = schedules
        options.seed = seed
        options.depth = depth
        options.preemptionBound = preemptionBound
        options.json = json
        try finish(global.makeShell().explore(program, options: options))
    }
}

extension RunRequest.Strategy: ExpressibleByArgument {}

struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay", abstract: "Re-run one schedule exactly and show its interleaving.",
        discussion: "The schedule string is printed by `parlearn explore`. Exit status: 0 clean, 1 bug, 2 usage or compile error.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "chapter/program or path/to/file.swift") var program: String
    @Argument(help: "The schedule string.") var schedule: String
    @Option(help: "The scenario the schedule belongs to, when the program declares several.") var scenario: String?
    @Flag(help: "Print the report as JSON.") var json = false
    func run() throws { try finish(global.makeShell().replay(program, schedule: schedule, scenario: scenario, json: json)) }
}
