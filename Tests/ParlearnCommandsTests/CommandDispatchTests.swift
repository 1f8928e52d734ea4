import ArgumentParser
import XCTest

@testable import ParlearnCommands

/// The REPL and the CLI parse through the same commands, so they answer the same text.
final class CommandDispatchTests: XCTestCase {
    func testShellWordsHonourQuotes() throws {
        XCTAssertEqual(try ShellWords.split("  explore racy --seed 3 'two words' \"\" "),
                       ["explore", "racy", "--seed", "3", "two words", ""])
        XCTAssertEqual(try ShellWords.split("   "), [])
        XCTAssertThrowsError(try ShellWords.split("read \"unclosed"))
    }

    func testEveryCommandsHelpIsTheSameInTheREPLAndTheCLI() {
        for command in Parlearn.commands {
            let name = command._commandName
            let (repl, replOut) = makeContext(.repl)
            let (cli, cliOut) = makeContext(.commandLine)
            XCTAssertEqual(CommandDispatcher.run(line: "help \(name)", in: repl), 0, name)
            XCTAssertEqual(CommandDispatcher.run(arguments: [name, "--help"], in: cli), 0, name)
            XCTAssertTrue(replOut.output.contains("USAGE: parlearn \(name)"), replOut.output)
            XCTAssertEqual(replOut.output, cliOut.output, name)
            XCTAssertEqual(replOut.errors + cliOut.errors, "", name)
        }
    }

    func testUsageErrorsAreTheSameTextAndStatusTwo() {
        let (repl, replOut) = makeContext(.repl)
        let (cli, cliOut) = makeContext(.commandLine)
        XCTAssertEqual(CommandDispatcher.run(line: "explore racy --seed x", in: repl), 2)
        XCTAssertEqual(CommandDispatcher.run(arguments: ["explore", "racy", "--seed", "x"], in: cli), 2)
        XCTAssertTrue(replOut.errors.contains("The value 'x' is invalid for '--seed <seed>'"), replOut.errors)
        XCTAssertEqual(replOut.errors, cliOut.errors)
        XCTAssertEqual(CommandDispatcher.run(arguments: ["start"], in: cli), 2)
        XCTAssertTrue(cliOut.errors.contains("Missing expected argument '<exercise>'"), cliOut.errors)
    }

    func testUnknownCommandIsNamedWithASuggestion() {
        let (cli, out) = makeContext(.commandLine)
        XCTAssertEqual(CommandDispatcher.run(arguments: ["frobnicate"], in: cli), 2)
        XCTAssertTrue(out.errors.hasPrefix("unknown command 'frobnicate'"), out.errors)
        XCTAssertFalse(out.errors.contains("repl"), out.errors)
        let (repl, replOut) = makeContext(.repl)
        XCTAssertEqual(CommandDispatcher.run(line: "chapterz", in: repl), 2)
        XCTAssertTrue(replOut.errors.contains("unknown command 'chapterz'; did you mean 'chapters'?"), replOut.errors)
        XCTAssertEqual(CommandDispatcher.run(line: "help explor", in: repl), 2)
        XCTAssertTrue(replOut.errors.contains("unknown command 'explor'; did you mean 'explore'?"), replOut.errors)
    }

    func testAPastedShellLineRunsInTheREPL() {
        let (repl, out) = makeContext(.repl)
        XCTAssertEqual(CommandDispatcher.run(line: "parlearn hint --help", in: repl), 0)
        XCTAssertTrue(out.output.contains("USAGE: parlearn hint"), out.output)
        XCTAssertEqual(CommandDispatcher.run(line: "read 'unclosed", in: repl), 2)
        XCTAssertEqual(out.errors, "a quote is not closed\n")
    }

    func testQuitAndItsAliasEndTheREPL() {
        for word in ["quit", "exit"] {
            let (repl, _) = makeContext(.repl)
            XCTAssertEqual(CommandDispatcher.run(line: word, in: repl), 0)
            XCTAssertTrue(repl.quitRequested, word)
        }
    }

    func testREPLOnlyCommandsExplainThemselvesInTheCLI() {
        let (cli, out) = makeContext(.commandLine)
        XCTAssertEqual(CommandDispatcher.run(arguments: ["open", "01-threads"], in: cli), 2)
        XCTAssertTrue(out.errors.contains("run `parlearn`, then `open 01-threads`"), out.errors)
    }

    func testNoCommandOrOnlyOptionsStartsTheREPL() {
        let (cli, _) = makeContext(.commandLine)
        var started = 0
        cli.startREPL = { context in
            started += 1
            return context.console.theme.colour ? 7 : 3
        }
        XCTAssertEqual(CommandDispatcher.run(arguments: [], in: cli), 3)
        XCTAssertEqual(CommandDispatcher.run(arguments: ["--color", "always"], in: cli), 7)
        XCTAssertEqual(started, 2)
    }
}
