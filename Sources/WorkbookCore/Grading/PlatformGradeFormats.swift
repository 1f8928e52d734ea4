import Foundation

/// JUnit XML (Ant/Jenkins JUnit 4 shape). JUnit has no field for seeds or schedules, so they go
/// in `<properties>`, on the suite (the seed base) and on each test case.
enum JUnitGradeFormat {
    static func render(_ report: GradeReport, includeDurations: Bool) -> String {
        let failures = report.exercises.filter { $0.status == .fail }.count
        let errors = report.exercises.filter { $0.status == .error }.count
        let time = seconds(report.duration, includeDurations)
        let counts = "tests=\"\(report.exercises.count)\" failures=\"\(failures)\" errors=\"\(errors)\""
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"parlearn\" \(counts) time=\"\(time)\">\n"
        out += "  <testsuite name=\"parlearn\" \(counts) skipped=\"0\" time=\"\(time)\">\n"
        var suiteProperties = [("score", "\(report.score)"), ("max_score", "\(report.maxScore)")]
        if let seed = report.seed { suiteProperties.insert(("seed", "\(seed)"), at: 0) }
        suiteProperties += report.warnings.map { ("warning", $0) }
        out += properties(suiteProperties, indent: "    ")
        for e in report.exercises {
            out += "    <testcase classname=\"parlearn.\(XMLText.escape(e.chapter))\" name=\"\(XMLText.escape(e.id))\" time=\"\(seconds(e.duration, includeDurations))\">\n"
            var caseProperties: [(String, String)] = [("verdict", e.verdict), ("score", "\(e.score)"), ("max_score", "\(e.maxScore)")]
            if let engine = e.engine { caseProperties.append(("engine", engine.rawValue)) }
            if let strategy = e.strategy { caseProperties.append(("strategy", strategy)) }
            if let seed = e.seed { caseProperties.append(("seed", "\(seed)")) }
            caseProperties += [("schedules", "\(e.schedulesRun)"), ("failures_seen", "\(e.failuresSeen)")]
            if let schedule = e.schedule { caseProperties.append(("schedule", schedule)) }
            out += properties(caseProperties, indent: "      ")
            switch e.status {
            case .pass: break
            case .fail, .error:
                let element = e.status == .fail ? "failure" : "error"
                let type = e.bugKind?.rawValue ?? e.verdict
                out += "      <\(element) message=\"\(XMLText.escape(e.message))\" type=\"\(XMLText.escape(type))\">\(XMLText.escape(e.feedback, attribute: false))</\(element)>\n"
            }
            if !e.output.isEmpty { out += "      <system-out>\(XMLText.escape(e.output, attribute: false))</system-out>\n" }
            out += "    </testcase>\n"
        }
        out += "  </testsuite>\n</testsuites>\n"
        return out
    }

    static func properties(_ pairs: [(String, String)], indent: String) -> String {
        guard !pairs.isEmpty else { return "" }
        var out = "\(indent)<properties>\n"
        for (name, value) in pairs {
            out += "\(indent)  <property name=\"\(XMLText.escape(name))\" value=\"\(XMLText.escape(value))\"/>\n"
        }
        return out + "\(indent)</properties>\n"
    }

    static func seconds(_ value: Double, _ include: Bool) -> String {
        String(format: "%.3f", include ? value : 0)
    }
}

/// Escaping for XML 1.0 text and attribute values. Characters XML cannot hold at all (most
/// control characters, such as the ESC of terminal colours) become U+FFFD.
enum XMLText {
    /// In attribute values line breaks and tabs are written as references so parsers keep them.
    static func escape(_ text: String, attribute: Bool = true) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n": out += attribute ? "&#10;" : "\n"
            case "\t": out += attribute ? "&#9;" : "\t"
            case "\r": out += "&#13;"
            default:
                let v = scalar.value
                let allowed = v >= 0x20 && !(0xFFFE...0xFFFF).contains(v)
                out.unicodeScalars.append(allowed ? scalar : "\u{FFFD}")
            }
        }
        return out
    }
}

/// Gradescope's `results.json` (autograder specification): per-test score, max_score, status
/// and output, top-level score, execution_time, output and visibility.
enum GradescopeGradeFormat {
    struct Document: Encodable {
        var score: Int
        var execution_time: Int
        var output: String
        var visibility = "visible"
        var stdout_visibility = "hidden"
        var extra_data: Extra
        var tests: [Test]
    }

    struct Extra: Encodable {
        var seed: UInt64?
        var warnings: [String]
        var percent: Double
    }

    struct Test: Encodable {
        var name: String
        var number: String
        var score: Int
        var max_score: Int
        var status: String
        var output: String
        var tags: [String]
        var visibility = "visible"
    }

    static func render(_ report: GradeReport, includeDurations: Bool) -> String {
        var summary = "parlearn: \(report.score)/\(report.maxScore) points."
        if !report.warnings.isEmpty { summary += "\n" + report.warnings.map { "warning: \($0)" }.joined(separator: "\n") }
        let document = Document(
            score: report.score,
            execution_time: includeDurations ? Int(report.duration.rounded(.up)) : 0,
            output: summary,
            extra_data: Extra(seed: report.seed, warnings: report.warnings, percent: StableJSON.rounded(report.percent)),
            tests: report.exercises.enumerated().map { index, e in
                Test(
                    name: e.displayName, number: "\(index + 1)", score: e.score, max_score: e.maxScore,
                    status: e.status == .pass ? "passed" : "failed",
                    output: e.feedback + (e.output.isEmpty ? "" : "\n\nProgram output:\n\(e.output)"),
                    tags: [e.chapter] + (e.engine.map { [$0.rawValue] } ?? [])
                )
            }
        )
        return StableJSON.encode(document)
    }
}

/// GitHub Classroom: the base64 JSON an autograding step publishes as its `result` output and
/// `autograding-grading-reporter` reads from `<RUNNER>_RESULTS` (version, status, max_score,
/// tests[] with name, status, message, score...). One line, no newline inside.
enum ClassroomGradeFormat {
    struct Document: Encodable {
        var version = 1
        var status: String
        var max_score: Int
        var tests: [Test]
    }

    struct Test: Encodable {
        var name: String
        var status: String
        var message: String
        var test_code: String
        var filename: String
        var line_no: Int
        var duration: Int
        var score: Int
    }

    static func document(_ report: GradeReport, includeDurations: Bool) -> Document {
        Document(
            status: report.status.rawValue, max_score: report.maxScore,
            tests: report.exercises.map { e in
                Test(
                    name: e.displayName, status: e.status.rawValue, message: e.feedback,
                    test_code: "parlearn check \(e.id)", filename: "", line_no: 0,
                    duration: includeDurations ? Int((e.duration * 1000).rounded()) : 0, score: e.score
                )
            }
        )
    }

    static func render(_ report: GradeReport, includeDurations: Bool) -> String {
        let json = StableJSON.encode(document(report, includeDurations: includeDurations), pretty: false)
        return Data(json.utf8).base64EncodedString() + "\n"
    }
}
