import Foundation
import FoundationXML
import ParLearnKit
import XCTest
@testable import WorkbookCore

final class GradingFormatTests: XCTestCase {
    /// Three exercises: a pass, an invariant failure with awkward characters, a compile error.
    private func sampleReport(duration: Double = 1.5) throws -> GradeReport {
        let fixture = try ExerciseFixture(self)
        try fixture.addExercise(slug: "a", manifest: ExerciseFixture.manifest(id: "a"))
        try fixture.addExercise(slug: "b", manifest: ExerciseFixture.manifest(id: "b"))
        try fixture.addExercise(chapter: "02-async", slug: "c", manifest: ExerciseFixture.manifest(id: "c").replacingOccurrences(of: "engine: threads", with: "engine: async"))
        let exercises = fixture.load().exercises
        var pass = CheckVerdict(kind: .passed, exerciseID: "a", headline: "100 schedules explored, no failure. A pass is not a proof.", engine: .threads, strategy: "portfolio", seed: 1)
        pass.schedulesRun = 100
        pass.duration = duration
        var fail = CheckVerdict(kind: .failed, exerciseID: "b", headline: "invariant failed in scenario \"one\": <a & b> 'quoted'", engine: .threads, strategy: "portfolio/pct(d=2)", seed: 2)
        fail.bug = ScenarioReport(scenario: "one", engine: .threads, verdict: .bug, kind: .invariant, message: "m", schedule: "T1-ab2", seed: 2, strategy: "pct", schedulesRun: 7, failuresSeen: 2)
        fail.schedulesRun = 57
        fail.failuresSeen = 2
        fail.replayCommand = "parlearn replay b T1-ab2 --scenario one"
        fail.output = "colour \u{1B}[31mred\u{1B}[0m\nline two"
        fail.duration = duration
        var broken = CheckVerdict(kind: .doesNotCompile, exerciseID: "c", headline: "counter.swift does not compile: counter.swift:1: expected '}'", engine: .async, strategy: "portfolio", seed: 1)
        broken.diagnostics = ProgramCompiler.parseDiagnostics("counter.swift:1:3: error: expected '}'")
        let verdicts = [pass, fail, broken]
        return GradeReport(
            exercises: zip(exercises, verdicts).map { GradedExercise(exercise: $0, verdict: $1) },
            warnings: ["check content changed: 01-threads/b/check.swift (b) differs from its recorded hash"], seed: 1
        )
    }

    func testScoreStatusAndFailUnder() throws {
        let report = try sampleReport()
        XCTAssertEqual(report.exercises.map(\.status), [.pass, .fail, .error])
        XCTAssertEqual(report.score, 10)
        XCTAssertEqual(report.maxScore, 30)
        XCTAssertEqual(report.status, .fail)
        XCTAssertEqual(report.percent, 100.0 / 3, accuracy: 1e-9)
        XCTAssertTrue(report.meets(failUnder: 33))
        XCTAssertTrue(report.meets(failUnder: 100.0 / 3))
        XCTAssertFalse(report.meets(failUnder: 34))
        XCTAssertFalse(GradeReport(exercises: []).meets(failUnder: 1))
        XCTAssertEqual(GradeReport(exercises: []).status, .error)
    }

    func testJSONShape() throws {
        let text = GradeFormat.json.render(try sampleReport(), includeDurations: false)
        let root = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        XCTAssertEqual(root["status"] as? String, "fail")
        XCTAssertEqual(root["score"] as? Int, 10)
        XCTAssertEqual(root["max_score"] as? Int, 30)
        XCTAssertNil(root["duration"], "durations are left out in deterministic output")
        let exercises = try XCTUnwrap(root["exercises"] as? [[String: Any]])
        XCTAssertEqual(exercises.map { $0["id"] as? String }, ["a", "b", "c"])
        let failed = exercises[1]
        for key in ["id", "status", "message", "engine", "strategy", "verdict"] { XCTAssertTrue(failed[key] is String, key) }
        for key in ["score", "max_score", "seed", "schedulesRun", "failuresSeen"] { XCTAssertTrue(failed[key] is Int, key) }
        XCTAssertEqual(failed["status"] as? String, "fail")
        XCTAssertEqual(failed["schedule"] as? String, "T1-ab2")
        XCTAssertEqual(failed["kind"] as? String, "invariant")
        XCTAssertEqual(failed["schedulesRun"] as? Int, 57)
        XCTAssertEqual(exercises[2]["status"] as? String, "error")
        XCTAssertNil(exercises[0]["duration"])
        let timed = GradeFormat.json.render(try sampleReport(), includeDurations: true)
        let timedRoot = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(timed.utf8)) as? [String: Any])
        XCTAssertEqual(timedRoot["duration"] as? Double, 3)
    }

    func testEveryFormatIsByteIdenticalForTheSameInputsWhenDeterministic() throws {
        for format in GradeFormat.allCases {
            let a = format.render(try sampleReport(duration: 1.5), includeDurations: false)
            let b = format.render(try sampleReport(duration: 9.25), includeDurations: false)
            XCTAssertEqual(a, b, "\(format.rawValue) must not depend on durations")
            XCTAssertFalse(a.isEmpty)
        }
        XCTAssertNotEqual(GradeFormat.junit.render(try sampleReport(duration: 1.5)), GradeFormat.junit.render(try sampleReport(duration: 9.25)))
    }

    func testJUnitParsesAndCarriesConcurrencyProperties() throws {
        let xml = GradeFormat.junit.render(try sampleReport(), includeDurations: false)
        let document = try XMLDocument(xmlString: xml, options: [])
        let root = try XCTUnwrap(document.rootElement())
        XCTAssertEqual(root.name, "testsuites")
        let suite = try XCTUnwrap(root.elements(forName: "testsuite").first)
        XCTAssertEqual(suite.attribute(forName: "tests")?.stringValue, "3")
        XCTAssertEqual(suite.attribute(forName: "failures")?.stringValue, "1")
        XCTAssertEqual(suite.attribute(forName: "errors")?.stringValue, "1")
        XCTAssertEqual(suite.attribute(forName: "time")?.stringValue, "0.000")
        let cases = suite.elements(forName: "testcase")
        XCTAssertEqual(cases.map { $0.attribute(forName: "name")?.stringValue }, ["a", "b", "c"])
        XCTAssertEqual(cases[0].attribute(forName: "classname")?.stringValue, "parlearn.01-threads")
        func properties(_ element: XMLElement) -> [String: String] {
            let list = element.elements(forName: "properties").first?.elements(forName: "property") ?? []
            return Dictionary(list.map { ($0.attribute(forName: "name")!.stringValue!, $0.attribute(forName: "value")!.stringValue!) }) { a, _ in a }
        }
        XCTAssertEqual(properties(suite)["seed"], "1")
        let failed = properties(cases[1])
        XCTAssertEqual(failed["seed"], "2")
        XCTAssertEqual(failed["schedules"], "57")
        XCTAssertEqual(failed["failures_seen"], "2")
        XCTAssertEqual(failed["schedule"], "T1-ab2")
        XCTAssertEqual(failed["strategy"], "portfolio/pct(d=2)")
        let failure = try XCTUnwrap(cases[1].elements(forName: "failure").first)
        XCTAssertEqual(failure.attribute(forName: "message")?.stringValue, "invariant failed in scenario \"one\": <a & b> 'quoted'", "escaping round-trips")
        XCTAssertEqual(failure.attribute(forName: "type")?.stringValue, "invariant")
        XCTAssertTrue(failure.stringValue?.contains("replay: parlearn replay b T1-ab2 --scenario one") ?? false)
        XCTAssertEqual(cases[1].elements(forName: "system-out").first?.stringValue, "colour \u{FFFD}[31mred\u{FFFD}[0m\nline two", "ESC is not allowed in XML")
        XCTAssertEqual(cases[2].elements(forName: "error").count, 1)
        XCTAssertEqual(cases[0].elements(forName: "failure").count + cases[0].elements(forName: "error").count, 0)
    }

    func testGradescopeResultsShape() throws {
        let text = GradeFormat.gradescope.render(try sampleReport(), includeDurations: false)
        let root = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        XCTAssertEqual(root["score"] as? Int, 10)
        XCTAssertEqual(root["execution_time"] as? Int, 0)
        XCTAssertTrue(root["output"] is String)
        XCTAssertEqual(root["visibility"] as? String, "visible")
        XCTAssertEqual(root["stdout_visibility"] as? String, "hidden")
        let tests = try XCTUnwrap(root["tests"] as? [[String: Any]])
        XCTAssertEqual(tests.count, 3)
        for test in tests {
            XCTAssertTrue(test["name"] is String)
            XCTAssertTrue(test["score"] is Int)
            XCTAssertEqual(test["max_score"] as? Int, 10)
            XCTAssertTrue(["passed", "failed"].contains(test["status"] as? String ?? ""))
            XCTAssertTrue(test["output"] is String)
            XCTAssertTrue(["visible", "hidden", "after_due_date", "after_published"].contains(test["visibility"] as? String ?? ""))
        }
        XCTAssertEqual(tests.map { $0["status"] as? String }, ["passed", "failed", "failed"])
        XCTAssertEqual(tests[1]["score"] as? Int, 0)
        XCTAssertTrue((tests[1]["output"] as? String)?.contains("T1-ab2") ?? false)
        XCTAssertEqual(tests.map { $0["number"] as? String }, ["1", "2", "3"])
    }

    func testGitHubClassroomIsBase64OfTheReporterSchema() throws {
        let text = GradeFormat.githubClassroom.render(try sampleReport(), includeDurations: false)
        XCTAssertEqual(text.filter { $0 == "\n" }.count, 1, "one line, for $GITHUB_OUTPUT")
        let json = try XCTUnwrap(Data(base64Encoded: text.trimmingCharacters(in: .newlines)))
        let root = try XCTUnwrap(JSONSerialization.jsonObject(with: json) as? [String: Any])
        XCTAssertEqual(root["version"] as? Int, 1)
        XCTAssertEqual(root["status"] as? String, "fail")
        XCTAssertEqual(root["max_score"] as? Int, 30)
        let tests = try XCTUnwrap(root["tests"] as? [[String: Any]])
        XCTAssertEqual(tests.map { $0["status"] as? String }, ["pass", "fail", "error"])
        XCTAssertEqual(tests.compactMap { $0["score"] as? Int }.reduce(0, +), 10, "the reporter sums test scores")
        for test in tests {
            for key in ["name", "status", "message", "test_code", "filename"] { XCTAssertTrue(test[key] is String, key) }
            for key in ["line_no", "duration", "score"] { XCTAssertTrue(test[key] is Int, key) }
        }
    }

    func testTextFormat() throws {
        let text = GradeFormat.text.render(try sampleReport(), includeDurations: false)
        XCTAssertTrue(text.hasPrefix("parlearn grade: 10/30 points (33.3%), fail\n"), text)
        XCTAssertTrue(text.contains("warning: check content changed"), text)
        XCTAssertTrue(text.contains("✗ b [fail] 0/10\n    invariant failed"), text)
        XCTAssertTrue(text.contains("    replay: parlearn replay b T1-ab2 --scenario one\n"), text)
        XCTAssertTrue(text.contains("    counter.swift:1:3: error: expected '}'\n"), text)
        XCTAssertFalse(text.contains(" s)"), "no durations in deterministic text")
    }

    func testXMLEscapingOfEveryAwkwardCharacter() {
        XCTAssertEqual(XMLText.escape("<&>\"'\t\n\r\u{0}\u{7}é"), "&lt;&amp;&gt;&quot;&apos;&#9;&#10;&#13;\u{FFFD}\u{FFFD}é")
        XCTAssertEqual(XMLText.escape("a\tb\nc", attribute: false), "a\tb\nc")
    }
}
