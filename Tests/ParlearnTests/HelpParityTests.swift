import Foundation
import XCTest

/// The real binary: every command's `help X` typed into the REPL prints exactly what
/// `parlearn X --help` prints.
final class HelpParityTests: XCTestCase {
    func testREPLHelpMatchesCLIHelpForEveryCommand() throws {
        let command = ParlearnCommand(extra: ["COLUMNS": "100"])
        let dump = try command.run(["--experimental-dump-help"], timeout: 30)
        let tool = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any])
        let subcommands = try XCTUnwrap((tool["command"] as? [String: Any])?["subcommands"] as? [[String: Any]])
        let names = subcommands.compactMap { $0["commandName"] as? String }.filter { $0 != "help" }
        XCTAssertGreaterThan(names.count, 20, "every command is a subcommand of `parlearn`")

        let repl = try command.run([], input: names.map { "help \($0)\n" }.joined(), timeout: 60)
        XCTAssertEqual(repl.status, 0, repl.stderr)
        var cli = ""
        for name in names {
            let result = try command.run([name, "--help"], timeout: 30)
            XCTAssertEqual(result.status, 0, "\(name): \(result.stderr)")
            XCTAssertTrue(result.stdout.contains("USAGE: parlearn \(name)"), result.stdout)
            cli += result.stdout
        }
        XCTAssertEqual(repl.stdout, cli)
        XCTAssertEqual(repl.stderr, "")
    }
}
