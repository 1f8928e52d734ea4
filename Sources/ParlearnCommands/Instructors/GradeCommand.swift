import ArgumentParser
import WorkbookCore

struct GradeCommand: WorkbookCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade", abstract: "Grade every exercise with fixed seeds and budgets (for instructors and CI).",
        discussion: """
            Grades the exercises folder (PARLEARN_EXERCISES, else the checkout's exercises/). \
            See docs/instructors.md.
            """)
    @OptionGroup var global: GlobalOptions
    @Option(help: "text, json, junit, gradescope or github-classroom.") var format: GradeFormat = .text
    @Option(help: "Write the report here (atomically) instead of to standard output.") var output: String?
    @Option(help: "The instructor's pristine exercises folder: its checks, budgets and points are used.")
    var checks: String?
    @Option(help: "Renumber every exercise's seeds from this one.") var seed: UInt64?
    @Option(name: .customLong("fail-under"), help: "Exit 1 when the score is under this percentage.")
    var failUnder: Double?
    @Option(help: "Also run each passing exercise this many times on real threads.") var stress: Int?
    @Flag(help: "Leave out durations, so the same code and seed give a byte-identical report.")
    var deterministic = false

    func run(in context: CommandContext) throws -> Int32 {
        context.grade(.init(format: format, output: output, checks: checks, seed: seed, failUnder: failUnder,
                            deterministic: deterministic, stress: stress))
    }
}

extension GradeFormat: ExpressibleByArgument {}
