import Foundation
import XCTest

/// `parlearn run` on the bad programs issue 2 lists: each gets a clear message in plain words.
final class RunCommandTests: XCTestCase {
    private func program(_ name: String, _ source: String, in command: ParlearnCommand) -> String {
        let url = command.scratch.appendingPathComponent(name)
        try! Data(source.utf8).write(to: url)
        return url.path
    }

    func testFloodsOfOutputAndBinaryBytesAreCappedAndMadeVisible() throws {
        let command = ParlearnCommand()
        let path = program("flood.swift", """
            import Foundation
            FileHandle.standardOutput.write(Data([0x1b, 0x5b, 0x32, 0x4a, 0x00, 0xff, 0x0a]))
            let line = String(repeating: "x", count: 1023) + "\\n"
            for _ in 0..<10_240 { FileHandle.standardOutput.write(Data(line.utf8)) }
            """, in: command)
        let result = try command.run(["run", path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertFalse(result.stdout.contains("\u{1b}"), "an escape byte reached the terminal")
        XCTAssertTrue(result.stdout.contains("^[[2J^@"), String(result.stdout.prefix(200)))
        XCTAssertTrue(result.stdout.contains("[output truncated: 9.0 MB more not shown]"), String(result.stdout.suffix(300)))
        XCTAssertTrue(result.stdout.hasSuffix("exited 0]\n"), String(result.stdout.suffix(200)))
        XCTAssertLessThan(result.stdout.utf8.count, 1_100_000)
    }

    func testCrashAndCompileErrorAreNamed() throws {
        let command = ParlearnCommand()
        let crash = try command.run(["run", program("crash.swift", "let a: [Int] = []\nprint(a[3])\n", in: command)])
        XCTAssertEqual(crash.status, 1)
        XCTAssertTrue(crash.stdout.contains("crashed: Index out of range at crash.swift:2 (SIGILL"), crash.all)
        let broken = program("broken.swift", "let x: Int = \"no\"\n", in: command)
        let compile = try command.run(["run", broken])
        XCTAssertEqual(compile.status, 2)
        XCTAssertTrue(compile.all.contains("\(broken):1:"), compile.all)
    }

    func testMissingCompilerSaysWhatAndHowToFixIt() throws {
        var command = ParlearnCommand()
        command.environment["PATH"] = "/usr/bin:/bin"
        command.environment["SWIFTC"] = nil
        let result = try command.run(["run", program("hello.swift", "print(1)\n", in: command)])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("swiftc was not found on PATH"), result.all)
        XCTAssertTrue(result.stderr.contains("How to fix"), result.all)
    }

    func testUnknownNamesGetSuggestions() throws {
        let command = ParlearnCommand()
        let chapter = try command.run(["programs", "00-welcom"])
        XCTAssertEqual(chapter.status, 2)
        XCTAssertTrue(chapter.stderr.contains("did you mean '00-welcome'?"), chapter.all)
        let program = try command.run(["run", "00-welcome/racey"])
        XCTAssertEqual(program.status, 2)
        XCTAssertTrue(program.stderr.contains("did you mean 'racy'?"), program.all)
    }
}
