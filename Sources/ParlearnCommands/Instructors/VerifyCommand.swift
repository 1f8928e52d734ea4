import ArgumentParser

struct VerifyCommand: WorkbookCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Prove the content: starters fail, solutions pass, racy programs are caught, fixed ones stay clean.",
        discussion: "Exit status: 0 when everything holds, 1 otherwise.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "How many seeds (0..<N) to try for each chapter program.") var seeds: UInt64 = 3
    @Option(help: "Check this many cases at once (the output and verdicts are the same for any number).")
    var jobs = 1
    @Argument(help: "Only this chapter (e.g. 01-threads) or exercise id.") var only: String?

    func validate() throws {
        guard (1...64).contains(jobs) else { throw ValidationError("--jobs must be between 1 and 64") }
    }

    func run(in context: CommandContext) throws -> Int32 {
        context.verify(seeds: Array(0..<seeds), only: only, jobs: jobs)
    }
}
