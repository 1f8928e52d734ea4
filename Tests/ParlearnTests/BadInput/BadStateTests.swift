import Foundation
import XCTest

/// The bad-input suite's state and content cases: a corrupt progress file is restored from its
/// backup with nothing lost, an unwritable state folder is named with the variable that moves
/// it, broken metadata is reported where it is, and a learner cannot pass by leaving early or
/// printing PASS.
extension BadInputSuiteTests {
    struct StateCase: Sendable {
        var name: String
        var run: @Sendable (BadInputFixture) throws -> Void
    }

    static var stateCaseCount: Int { stateCases.count }

    static let stateCases: [StateCase] = [
        corruptProgress("garbage bytes", Data([0x00, 0xff, 0x7b, 0x22])),
        corruptProgress("the wrong JSON shape", Data("[1, 2, 3]".utf8)),
        corruptProgress("an unknown version", Data("{\"version\": 99}".utf8)),
        corruptProgress(
            "negative hint counts",
            Data("{\"version\": 1, \"exercises\": {\"welcome-counter\": {\"hintsShown\": -4}}}".utf8)),
        StateCase(name: "state folder is a file") { fixture in
            let result = try fixture.command(["PARLEARN_STATE_DIR": "/dev/null/state"]).run(["hint", "welcome-counter"])
            XCTAssertTrue(result.stdout.contains("Hint 1 of 3"), result.all)
            XCTAssertTrue(
                result.stderr.contains(
                    "could not save your progress in /dev/null/state (/dev/null is not a directory); "
                        + "set PARLEARN_STATE_DIR to a folder you can write"), result.all)
            XCTAssertFalse(result.all.contains("NSCocoaErrorDomain"), result.all)
        },
        brokenManifest("malformed YAML", "id: [\n", says: "malformed YAML"),
        brokenManifest("an impossible budget", nil, says: "`schedules` must be a whole number ≥ 1"),
        StateCase(name: "a chapter that does not load") { fixture in
            let chapters = fixture.root.appendingPathComponent("chapters")
            try FileManager.default.copyItem(at: ParlearnCommand.root.appendingPathComponent("chapters"), to: chapters)
            try Data("title: [\n".utf8).write(to: chapters.appendingPathComponent("00-welcome/chapter.yml"))
            let command = fixture.command(["PARLEARN_CHAPTERS": chapters.path])
            let read = try command.run(["read", "00-welcome"])
            XCTAssertEqual(read.status, 2)
            XCTAssertTrue(read.stderr.contains("chapter 00-welcome did not load: 00-welcome/chapter.yml:"), read.all)
            XCTAssertFalse(read.all.contains("unknown chapter"), read.all)
            let listed = try command.run(["chapters"])
            XCTAssertTrue(
                listed.stdout.contains("01-threads") && listed.stderr.contains("skipped 00-welcome/chapter.yml"),
                listed.all)
        },
        StateCase(name: "a missing include") { fixture in
            let chapters = fixture.root.appendingPathComponent("chapters-include")
            try FileManager.default.copyItem(at: ParlearnCommand.root.appendingPathComponent("chapters"), to: chapters)
            let markdown = chapters.appendingPathComponent("00-welcome/chapter.md")
            try Data(("<!-- include gone.swift -->\n" + String(contentsOf: markdown, encoding: .utf8)).utf8).write(
                to: markdown)
            let listed = try fixture.command(["PARLEARN_CHAPTERS": chapters.path]).run(["chapters"])
            XCTAssertEqual(listed.status, 2)
            XCTAssertTrue(listed.stderr.contains("gone.swift"), listed.all)
            XCTAssertTrue(listed.stdout.contains("01-threads"), "the other chapters still load:\n\(listed.all)")
        },
        learnerCheats("leaves with exit(0)", "exit(0)"),
        learnerCheats("prints PASS and leaves", "print(\"PASS: all scenarios passed\"); exit(0)"),
    ]

    /// The progress file is corrupted after a save: the backup brings back the hint counts.
    private static func corruptProgress(_ how: String, _ bytes: Data) -> StateCase {
        StateCase(name: "progress file: \(how)") { fixture in
            let command = fixture.command()
            _ = try command.run(["hint", "welcome-counter"])  // a save: 3 hints shown, and its backup
            try bytes.write(to: fixture.progressFile)
            let result = try command.run(["progress"])
            XCTAssertEqual(result.status, 0, result.all)
            XCTAssertTrue(result.stderr.contains("restored from its backup"), "\(how):\n\(result.all)")
            let saved = try String(contentsOf: fixture.progressFile, encoding: .utf8)
            XCTAssertTrue(saved.contains("\"hintsShown\" : 3"), "\(how): hint counts lost:\n\(saved)")
            try Data(BadInputFixture.seededProgress.utf8).write(to: fixture.progressFile)
        }
    }

    /// A broken manifest is reported with its file and line; the rest of the state is untouched.
    private static func brokenManifest(_ what: String, _ text: String?, says message: String) -> StateCase {
        StateCase(name: "exercise.yml: \(what)") { fixture in
            let manifest = fixture.exercises.appendingPathComponent("00-welcome/counter/exercise.yml")
            let original = try Data(contentsOf: manifest)
            defer { try? original.write(to: manifest) }
            let broken =
                text
                ?? String(decoding: original, as: UTF8.self)
                .replacingOccurrences(of: "schedules: 300", with: "schedules: -1")
            try Data(broken.utf8).write(to: manifest)
            let before = fixture.snapshot()
            let result = try fixture.command().run(["exercises"])
            XCTAssertEqual(result.status, 2, result.all)
            XCTAssertTrue(
                result.stderr.contains("exercise.yml:") && result.stderr.contains(message), "\(what):\n\(result.all)")
            XCTAssertEqual(fixture.snapshot(), before, "\(what): state changed")
        }
    }

    /// A learner file that leaves before the checks finish never passes.
    private static func learnerCheats(_ how: String, _ statement: String) -> StateCase {
        StateCase(name: "learner \(how)") { fixture in
            let original = try Data(contentsOf: fixture.learnerFile)
            defer { try? original.write(to: fixture.learnerFile) }
            try Data(
                """
                import Foundation
                import ParLearnKit
                final class HitCounter: Sendable {
                    private let count = Mutex(0, "count")
                    func increment() { \(statement) }
                    var value: Int { count.withLock { $0 } }
                }
                """.utf8
            ).write(to: fixture.learnerFile)
            let result = try fixture.command().run(["check", "welcome-counter"])
            XCTAssertEqual(result.status, 1, "\(how):\n\(result.all)")
            XCTAssertFalse(result.stdout.contains("PASSED"), "\(how):\n\(result.all)")
            XCTAssertTrue(result.all.contains("exit"), "\(how): the verdict names the early exit:\n\(result.all)")
            let progress = try String(contentsOf: fixture.progressFile, encoding: .utf8)
            XCTAssertTrue(
                progress.contains("\"hintsShown\" : 2") || progress.contains("\"hintsShown\": 2"),
                "\(how): hints lost:\n\(progress)")
            XCTAssertFalse(progress.contains("\"passed\""), "\(how): recorded as a pass:\n\(progress)")
        }
    }

    func testCorruptOrBrokenStateLosesNothing() throws {
        for c in Self.stateCases { try c.run(fixture) }
    }
}
