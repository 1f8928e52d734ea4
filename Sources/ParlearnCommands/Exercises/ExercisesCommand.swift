import ArgumentParser

struct ExercisesCommand: WorkbookCommand {
    static let configuration = CommandConfiguration(
        commandName: "exercises", abstract: "List the exercises with status ✓ ✗ ·, points and chapter.")
    @OptionGroup var global: GlobalOptions
    func run(in context: CommandContext) throws -> Int32 { context.exercises() }
}
