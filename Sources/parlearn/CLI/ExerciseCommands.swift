import ArgumentParser
import Foundation
import WorkbookCore

struct ExercisesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "exercises", abstract: "List the exercises with status ✓ ✗ ·, points and chapter.")
    @OptionGroup var global: GlobalOptions
    func run() throws { try finish(global.makeShell().exercises()) }
}

struct StartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "start", abstract: "Begin an exercise: print its task and the file to edit.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The exercise id, e.g. threads-counter.") var exercise: String
    func run() throws { try finish(global.makeShell().start(exercise)) }
}

struct EditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "edit", abstract: "Open an exercise's file in $VISUAL or $EDITOR (vi when unset).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The exercise id; the current exercise when left out.") var exercise: String?
    func run() throws { try finish(global.makeShell().edit(exercise)) }
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Check an exercise under the stress schedulers.",
        discussion: "Exit status: 0 passed, 1 failed, 2 does not compile or the exercise is broken.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The exercise id; the current exercise when left out.") var exercise: String?
    @Flag(help: "After the controlled engine passes, also run the code on real threads.") var stress = false
    func run() throws { try finish(global.makeShell().check(exercise, stress: stress)) }
}

struct HintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "hint", abstract: "Show the next hint for an exercise.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The exercise id; the current exercise when left out.") var exercise: String?
    func run() throws { try finish(global.makeShell().hint(exercise)) }
}

struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "watch", abstract: "Re-check an exercise on every save, until Ctrl-C.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The exercise id; the current exercise when left out.") var exercise: String?
    func run() throws { try finish(global.makeShell().watch(exercise)) }
}

struct SolutionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "solution", abstract: "Show the reference solution of an exercise you have passed.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The exercise id; the current exercise when left out.") var exercise: String?
    func run() throws { try finish(global.makeShell().solution(exercise)) }
}

struct ResetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reset", abstract: "Restore an exercise's starter file, backing up your version first.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The exercise id.") var exercise: String
    func run() throws { try finish(global.makeShell().reset(exercise)) }
}

struct ProgressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "progress", abstract: "Show your points and the exercises you have passed.")
    @OptionGroup var global: GlobalOptions
    func run() throws { try finish(global.makeShell().progress()) }
}

struct GradeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade", abstract: "Grade every exercise with fixed seeds and budgets (for instructors and CI).",
        discussion: "Grades the exercises folder (PARLEARN_EXERCISES, else the checkout's exercises/). See docs/instructors.md.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "text, json, junit, gradescope or github-classroom.") var format: GradeFormat = .text
    @Option(help: "Write the report here (atomically) instead of to standard output.") var output: String?
    @Option(help: "The instructor's pristine exercises folder: its checks, budgets and points are used.") var checks: String?
    @Option(help: "Renumber every exercise's seeds from this one.") var seed: UInt64?
    @Option(name: .customLong("fail-under"), help: "Exit 1 when the score is under this percentage.") var failUnder: Double?
    @Option(help: "Also run each passing exercise this many times on real threads.") var stress: Int?
    @Flag(help: "Leave out durations, so the same code and seed give a byte-identical report.") var deterministic = false

    func run() throws {
        let options = Shell.GradeOptions(format: format, output: output, checks: checks, seed: seed, failUnder: failUnder,
                                         deterministic: deterministic, stress: stress)
        try finish(global.makeShell().grade(options))
    }
}

extension GradeFormat: ExpressibleByArgument {}

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Prove the content: starters fail, solutions pass, racy programs are caught, fixed ones stay clean.",
        discussion: "Exit status: 0 when everything holds, 1 otherwise.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "How many seeds (0..<N) to try for each chapter program.") var seeds: UInt64 = 3
    @Argument(help: "Only this chapter (e.g. 01-threads) or exercise id.") var only: String?
    func run() throws { try finish(global.makeShell().verify(seeds: Array(0..<seeds), only: only)) }
}

struct LockCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lock", abstract: "Record the hashes of every check file and manifest in exercises/checks.lock.")
    @OptionGroup var global: GlobalOptions
    func run() throws { try finish(global.makeShell().lock()) }
}
