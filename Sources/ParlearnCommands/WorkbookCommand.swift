import ArgumentParser
import WorkbookCore

/// A parlearn command: parsed by swift-argument-parser from `parlearn <command> …` or from a
/// REPL line, then run against the front end's `CommandContext`.
///
/// Adding a command is one file with a type conforming to this protocol and one line in
/// `Parlearn.commands`; help, usage, errors and TAB completion follow from its declaration.
/// See docs/commands.md.
protocol WorkbookCommand: ParsableCommand {
    /// `--color`, which every command accepts.
    var global: GlobalOptions { get }

    /// Runs the command and returns its exit status: 0 done or clean, 1 bug found or check failed,
    /// 2 usage, content or compile error. Throw `ValidationError` for a usage mistake that parsing
    /// could not catch; it is reported with the command's usage, exactly like a parse error.
    func run(in context: CommandContext) throws -> Int32
}

/// Options every command shares.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("color"), help: "Colour output: auto, always or never.")
    var colour: ColourFlag = .auto
}

extension ColourFlag: ExpressibleByArgument {}

extension ArgumentHelp {
    /// How every command that takes a program names it.
    static let program = ArgumentHelp(
        "chapter/name (01-threads/racy), a name in the open chapter (REPL), or a .swift file.")
}
