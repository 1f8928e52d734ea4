import Foundation
import XCTest

/// `parlearn grade` over a class of broken submissions: every one gets a clear verdict, grading
/// carries on, and the same code with the same seed gives the same report byte for byte.
/// Budgets: the sample exercise's own (300 schedules × seeds 1, 2, 3, 10 s each).
final class GradingRunTests: XCTestCase {
    private var root: URL!

    private let solution = """
        import ParLearnKit
        final class HitCounter: Sendable {
            private let count = Mutex(0, "count")
            func increment() { count.withLock { $0 += 1 } }
            var value: Int { count.withLock { $0 } }
        }
        """

    /// A learner file whose increment() does `body` before counting correctly.
    private func misbehaving(_ body: String) -> String {
        solution.replacingOccurrences(of: "func increment() { count.withLock { $0 += 1 } }",
                                      with: "func increment() {\n\(body)\ncount.withLock { $0 += 1 } }")
    }

    override func setUpWithError() throws {
        let fm = FileManager.default
        root = FileManager.default.temporaryDirectory.appendingPathComponent("parlearn-grade-\(UUID().uuidString)")
        let sample = ParlearnCommand.root.appendingPathComponent("exercises/00-welcome/counter")
        let variants: [(String, String?)] = [
            ("solved", solution),
            ("starter", nil),
            ("deleted", ""),
            ("empty", ""),
            ("latin1", ""),
            ("early-exit", misbehaving("exit(0)")),
            ("fatal", misbehaving("fatalError(\"boom\")")),
            ("chatty", misbehaving("print(String(repeating: \"x\", count: 20_000))")),
            ("huge-alloc", misbehaving("let big = [UInt8](repeating: 1, count: 1 << 46); print(big.count)")),
            ("spins", misbehaving("while true {}")),
            ("bad-check", solution),
        ]
        for (name, learner) in variants {
            let folder = root.appendingPathComponent("00-welcome/\(name)")
            try fm.createDirectory(at: folder.deletingLastPathComponent(), withIntermediateDirectories: true)
            try fm.copyItem(at: sample, to: folder)
            let manifest = folder.appendingPathComponent("exercise.yml")
            let yml = try String(contentsOf: manifest, encoding: .utf8)
                .replacingOccurrences(of: "id: welcome-counter", with: "id: grade-\(name)")
            try Data(yml.utf8).write(to: manifest)
            let file = folder.appendingPathComponent("counter.swift")
            if let learner, !learner.isEmpty { try Data(learner.utf8).write(to: file) }
            switch name {
            case "deleted": try fm.removeItem(at: file)
            case "empty": try Data().write(to: file)
            case "latin1": try Data([0x69, 0x6d, 0x70, 0xe9, 0xff, 0x0a]).write(to: file)
            case "early-exit", "fatal": try prependImportFoundation(file)
            case "bad-check": try Data("scenario(\"x\") { check(1 == , \"\") }\n".utf8).write(to: folder.appendingPathComponent("check.swift"))
            default: break
            }
        }
    }

    private func prependImportFoundation(_ file: URL) throws {
        try Data(("import Foundation\n" + String(contentsOf: file, encoding: .utf8)).utf8).write(to: file)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: root)
    }

    private func status(of id: String, in json: [String: Any]) -> [String: Any]? {
        (json["exercises"] as? [[String: Any]])?.first { $0["id"] as? String == id }
    }

    func testEveryBrokenSubmissionGetsAClearVerdictAndGradingCarriesOn() throws {
        let command = ParlearnCommand(extra: ["PARLEARN_EXERCISES": root.path])
        let first = try command.run(["grade", "--format", "json", "--deterministic"])
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any], first.all)
        let expected: [String: String] = [
            "grade-solved": "pass", "grade-starter": "fail", "grade-deleted": "error", "grade-empty": "error",
            "grade-latin1": "error", "grade-early-exit": "fail", "grade-fatal": "fail", "grade-chatty": "pass",
            "grade-huge-alloc": "fail", "grade-spins": "fail", "grade-bad-check": "error",
        ]
        for (id, want) in expected {
            let entry = try XCTUnwrap(status(of: id, in: json), "\(id) missing from the report:\n\(first.stdout)")
            XCTAssertEqual(entry["status"] as? String, want, "\(id): \(entry["message"] ?? "")")
            XCTAssertFalse((entry["message"] as? String ?? "").isEmpty, id)
        }
        let earlyExit = status(of: "grade-early-exit", in: json)?["message"] as? String ?? ""
        XCTAssertTrue(earlyExit.contains("exit"), earlyExit)

        let second = try command.run(["grade", "--format", "json", "--deterministic"])
        let (a, b) = (first.stdout.split(separator: "\n"), second.stdout.split(separator: "\n"))
        let firstDifference = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }
        XCTAssertTrue(a == b, "the same code and seed must give a byte-identical report; first difference at line \((firstDifference?.offset ?? min(a.count, b.count)) + 1): \(firstDifference.map { "\($0.element.0) ≠ \($0.element.1)" } ?? "lengths differ")")
    }
}
