import ArgumentParser

struct DoctorCommand: WorkbookCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check the chapters, the compiler, the kit and the async engine's toolchain self-test.")
    @OptionGroup var global: GlobalOptions
    func run(in context: CommandContext) throws -> Int32 { context.doctor() }
}
