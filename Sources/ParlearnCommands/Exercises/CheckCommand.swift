import ArgumentParser

struct CheckCommand: WorkbookCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Check an exercise under the stress schedulers.",
        discussion: "Exit status: 0 passed, 1 failed, 2 does not compile or the exercise is broken.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The exercise id; the current exercise when left out.") var exercise: String?
    @Flag(help: "After the controlled engine passes, also run the code on real threads.") var stress = false
    func run(in context: CommandContext) throws -> Int32 { context.check(exercise, stress: stress) }
}
