import ArgumentParser

/// The root of every command line, `parlearn <command> …` and each REPL line alike.
public struct Parlearn: ParsableCommand {
    /// Every command, in the order help lists them. A new command is one line here.
    static let commands: [any WorkbookCommand.Type] = [
        ReplCommand.self, ChaptersCommand.self, OpenCommand.self, ReadCommand.self, NextCommand.self,
        PrevCommand.self, ProgramsCommand.self, RunCommand.self, ShowCommand.self, ExploreCommand.self,
        ReplayCommand.self, StepCommand.self, OutcomesCommand.self, StressCommand.self, SpeedupCommand.self,
        ExercisesCommand.self, StartCommand.self, EditCommand.self, CheckCommand.self, HintCommand.self,
        WatchCommand.self, SolutionCommand.self, ResetCommand.self, ProgressCommand.self,
        GradeCommand.self, VerifyCommand.self, LockCommand.self, TranscriptsCommand.self, DoctorCommand.self,
        ClearCommand.self, QuitCommand.self,
    ]

    public static let configuration = CommandConfiguration(
        commandName: "parlearn",
        abstract: "A workbook for parallel programming in Swift: chapters, programs and a race-finding checker.",
        discussion: """
            Run with no arguments for the interactive workbook, where every command below is typed \
            without the leading `parlearn` and `help <command>` shows the same help as \
            `parlearn <command> --help`.
            """,
        version: "0.1.0",
        subcommands: commands)

    public init() {}
}
