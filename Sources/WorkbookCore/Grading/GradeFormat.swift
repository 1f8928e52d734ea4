import Foundation

/// The output formats of `parlearn grade --format`.
public enum GradeFormat: String, Sendable, CaseIterable {
    case text, json, junit, gradescope
    case githubClassroom = "github-classroom"

    /// Renders `report`. With `includeDurations` false (`--deterministic`) every duration is
    /// left out or written as 0, so equal inputs give byte-identical output.
    public func render(_ report: GradeReport, includeDurations: Bool = true) -> String {
        switch self {
        case .text: TextGradeFormat.render(report, includeDurations: includeDurations)
        case .json: JSONGradeFormat.render(report, includeDurations: includeDurations)
        case .junit: JUnitGradeFormat.render(report, includeDurations: includeDurations)
        case .gradescope: GradescopeGradeFormat.render(report, includeDurations: includeDurations)
        case .githubClassroom: ClassroomGradeFormat.render(report, includeDurations: includeDurations)
        }
    }
}

/// Stable JSON for every JSON-based format: sorted keys, no escaped slashes.
enum StableJSON {
    static func encode<T: Encodable>(_ value: T, pretty: Bool = true) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        // Plain value types with finite numbers: encoding cannot fail.
        let data = try! encoder.encode(value)
        return String(decoding: data, as: UTF8.self) + (pretty ? "\n" : "")
    }

    /// Percentages to two decimals, so the JSON number is short and stable.
    static func rounded(_ value: Double) -> Double { (value * 100).rounded() / 100 }
}

/// The one-paragraph message a student sees for an exercise: headline, details and replay command.
extension GradedExercise {
    var feedback: String {
        var lines = [message] + details
        if let replayCommand { lines.append("replay: \(replayCommand)") }
        return lines.joined(separator: "\n")
    }

    var displayName: String { "\(id): \(title)" }
}

enum TextGradeFormat {
    static func render(_ report: GradeReport, includeDurations: Bool) -> String {
        var out = "parlearn grade: \(report.score)/\(report.maxScore) points (\(String(format: "%.1f", report.percent))%), \(report.status.rawValue)\n"
        if let seed = report.seed { out += "seed base: \(seed)\n" }
        for warning in report.warnings { out += "warning: \(warning)\n" }
        for exercise in report.exercises {
            let mark = exercise.status == .pass ? "✓" : "✗"
            out += "\n\(mark) \(exercise.id) [\(exercise.status.rawValue)] \(exercise.score)/\(exercise.maxScore)"
            if includeDurations { out += String(format: " (%.1f s)", exercise.duration) }
            out += "\n"
            out += exercise.feedback.split(separator: "\n", omittingEmptySubsequences: false).map { "    \($0)\n" }.joined()
        }
        return out
    }
}

/// The parlearn JSON report: exercism-like statuses plus the concurrency fields.
enum JSONGradeFormat {
    struct Document: Encodable {
        var version = 1
        var status: String
        var score: Int
        var max_score: Int
        var percent: Double
        var seed: UInt64?
        var duration: Double?
        var warnings: [String]
        var exercises: [Entry]
    }

    struct Entry: Encodable {
        var id: String
        var title: String
        var chapter: String
        var status: String
        var score: Int
        var max_score: Int
        var message: String
        var details: [String]
        var verdict: String
        var engine: String?
        var strategy: String?
        var seed: UInt64?
        var schedulesRun: Int
        var failuresSeen: Int
        var schedule: String?
        var scenario: String?
        var kind: String?
        var replay: String?
        var output: String
        var duration: Double?
    }

    static func document(_ report: GradeReport, includeDurations: Bool) -> Document {
        Document(
            status: report.status.rawValue, score: report.score, max_score: report.maxScore,
            percent: StableJSON.rounded(report.percent), seed: report.seed,
            duration: includeDurations ? report.duration : nil, warnings: report.warnings,
            exercises: report.exercises.map { e in
                Entry(
                    id: e.id, title: e.title, chapter: e.chapter, status: e.status.rawValue, score: e.score,
                    max_score: e.maxScore, message: e.message, details: e.details, verdict: e.verdict,
                    engine: e.engine?.rawValue, strategy: e.strategy, seed: e.seed, schedulesRun: e.schedulesRun,
                    failuresSeen: e.failuresSeen, schedule: e.schedule, scenario: e.scenario, kind: e.bugKind?.rawValue,
                    replay: e.replayCommand, output: e.output, duration: includeDurations ? e.duration : nil
                )
            }
        )
    }

    static func render(_ report: GradeReport, includeDurations: Bool) -> String {
        StableJSON.encode(document(report, includeDurations: includeDurations))
    }
}
