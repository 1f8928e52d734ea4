import Foundation
import XCTest

/// Issue 14: `grade --deterministic` gives the same bytes on every run, in every format, even
/// when the learner's program prints a `Dictionary` (whose order Swift seeds per process unless
/// hashing is deterministic). The sample exercise's own budget: 300 schedules × seeds 1, 2, 3.
final class GradingDeterminismTests: XCTestCase {
    func testTenDeterministicGradesAreByteIdenticalInEveryFormat() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("parlearn-det-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("00-welcome/counter")
        let fm = FileManager.default
        try fm.createDirectory(at: folder.deletingLastPathComponent(), withIntermediateDirectories: true)
        try fm.copyItem(at: ParlearnCommand.root.appendingPathComponent("exercises/00-welcome/counter"), to: folder)
        // The starter's lost update, with a message that prints a six-key Dictionary on the way.
        try Data("""
            import ParLearnKit
            final class HitCounter: Sendable {
                private let count = Shared(0, "count")
                func increment() {
                    let seen = ["alpha": count.value, "beta": 2, "gamma": 3, "delta": 4, "epsilon": 5, "zeta": 6]
                    print("state \\(seen)")
                    count.value += 1
                }
                var value: Int { count.value }
            }
            """.utf8).write(to: folder.appendingPathComponent("counter.swift"))

        let command = ParlearnCommand(extra: ["PARLEARN_EXERCISES": root.path])
        let formats = ["text", "json", "junit", "gradescope", "github-classroom"]
        var first: [String: String] = [:]
        // Ten runs in each format (a run takes about 0.3 s once the program is compiled).
        for format in formats {
            for run in 0..<10 {
                let result = try command.run(["grade", "--deterministic", "--format", format])
                XCTAssertEqual(result.status, 0, result.stderr)
                guard let earlier = first[format] else {
                    first[format] = result.stdout
                    continue
                }
                XCTAssertEqual(result.stdout, earlier, "\(format) run \(run + 1) differs from the first")
            }
        }
        let json = try XCTUnwrap(first["json"])
        XCTAssertTrue(json.contains("\"fail\""), json)
        XCTAssertTrue(json.contains("state ["), "the learner's Dictionary message is in the report:\n\(json)")
        for format in ["junit", "gradescope"] {
            XCTAssertTrue(first[format]?.contains("state [") == true, "the Dictionary message is in \(format)")
        }
    }
}
