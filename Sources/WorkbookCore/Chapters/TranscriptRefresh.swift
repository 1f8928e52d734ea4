import Foundation
import ParLearnKit

/// `parlearn transcripts`: re-explores every program a chapter quotes checker output of (seed 0)
/// and rebuilds the quoted blocks, so the text always shows what the checker really prints.
public struct TranscriptRefresh: Sendable {
    /// One document whose quoted output changed.
    public struct Update: Sendable, Equatable {
        /// "01-threads/chapter.md", or "README.md".
        public var name: String
        public var file: URL
        public var markdown: String
    }

    /// Transcripts are rendered plain at this width, whatever the terminal: it leaves room for the
    /// code-block indent at 80 columns.
    public static let width = 76

    public var updates: [Update] = []
    /// Blocks that could not be refilled: an undeclared program, an exploration with no verdict.
    public var problems: [String] = []

    /// Explores each quoted program through `explore(target, request, timeout)` (the runner's
    /// `check`, in the app) and collects the documents whose text would change: every chapter.md,
    /// plus `readme` if given, whose session quotes programs by chapter/name.
    public static func compute(
        library: ChapterLibrary, readme: URL? = nil, explore: (ProgramTarget, RunRequest, Double) -> CheckerOutcome
    ) -> TranscriptRefresh {
        var documents = library.chapters.map {
            (file: $0.directory.appendingPathComponent("chapter.md"), home: Optional($0))
        }
        if let readme, FileManager.default.fileExists(atPath: readme.path) { documents.append((readme, nil)) }
        var refresh = TranscriptRefresh()
        for (file, home) in documents {
            guard let markdown = try? String(contentsOf: file, encoding: .utf8) else { continue }
            let name = home.map { "\($0.slug)/chapter.md" } ?? file.lastPathComponent
            var bodies: [String: String] = [:]
            for block in CheckerTranscripts.blocks(in: markdown) {
                guard let (chapter, program) = target(block.program, in: home, library: library) else {
                    refresh.problems.append(
                        "\(name) quotes checker output of '\(block.program)', which no chapter.yml declares")
                    continue
                }
                let target = ProgramTarget.chapterProgram(chapter, program)
                if block.command == "outcomes" {
                    switch outcomes(of: target, program, explore: explore) {
                    case .success(let body): bodies[block.key] = body
                    case .failure(let problem): refresh.problems.append(problem.message)
                    }
                    continue
                }
                let request = RunRequest.explore(for: program, strategy: nil, schedules: nil, seed: 0, depth: nil,
                                                 preemptionBound: nil).streams(for: target)
                let verdict = CheckerVerdict(explore(target, request, program.seconds + 10), request: request)
                if let problem = verdict.problem {
                    refresh.problems.append("\(target.commandName): no verdict: \(problem)")
                    continue
                }
                let rendered = ReportRenderer(theme: .plain, width: width, replayTarget: target.commandName)
                    .render(ProgramReport(nonce: nil, complete: true, scenarios: verdict.scenarios))
                bodies[block.key] = CheckerTranscripts.body(
                    command: "parlearn explore \(target.commandName)", output: rendered)
            }
            let updated = CheckerTranscripts.replacing(bodies, in: markdown)
            if updated != markdown { refresh.updates.append(Update(name: name, file: file, markdown: updated)) }
        }
        return refresh
    }

    struct Problem: Error {
        var message: String
    }

    /// The fenced body for `outcomes --exhaustive`, or why there is no histogram.
    private static func outcomes(
        of target: ProgramTarget, _ program: ProgramSpec, explore: (ProgramTarget, RunRequest, Double) -> CheckerOutcome
    ) -> Result<String, Problem> {
        let request = OutcomeRun.request(.exhaustive, scenario: nil, seconds: program.seconds)
        let run = OutcomeRun(explore(target, request, program.seconds + 10), coverage: .exhaustive)
        if case .problem(let message, _, _) = run.result {
            return .failure(Problem(message: "\(target.commandName): no histogram: \(message)"))
        }
        let rendered = run.render(theme: .plain, width: width, target: target.commandName)
        return .success(CheckerTranscripts.body(command: "parlearn outcomes \(target.commandName)", output: rendered))
    }

    /// `racy` inside a chapter, or `00-welcome/racy` anywhere.
    private static func target(_ name: String, in home: Chapter?, library: ChapterLibrary) -> (Chapter, ProgramSpec)? {
        let parts = name.split(separator: "/").map(String.init)
        let chapter = parts.count == 2 ? library.chapters.first { $0.slug == parts[0] } : home
        guard let chapter, let program = chapter.program(named: parts.last ?? name) else { return nil }
        return (chapter, program)
    }

    /// Writes every update atomically; returns the files that could not be written, with why.
    public func write() -> [String] {
        updates.compactMap { update in
            do {
                try AtomicFile.write(Data(update.markdown.utf8), to: update.file.path)
                return nil
            } catch {
                return "cannot write \(update.file.path): \(error)"
            }
        }
    }
}
