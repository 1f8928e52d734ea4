import ArgumentParser

struct SolutionCommand: WorkbookCommand {
    static let configuration = CommandConfiguration(
        commandName: "solution", abstract: "Show the reference solution of an exercise you have passed.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The exercise id; the current exercise when left out.") var exercise: String?
    func run(in context: CommandContext) throws -> Int32 { context.solution(exercise) }
}
