import Foundation
import ParLearnKit
import WorkbookCore

/// `parlearn transcripts [--check]`: keeps the checker output quoted in chapters true.
extension CommandContext {
    /// The width and theme transcripts are rendered with, whatever the terminal.
    static let transcriptWidth = 76  // leaves room for the code-block indent at 80 columns

    @discardableResult
    func transcripts(check: Bool) -> Int32 {
        reload()
        guard let runner = programRunner() else { return 2 }
        var stale: [String] = []
        var failed = false
        var documents = library.chapters.map { (file: $0.directory.appendingPathComponent("chapter.md"), chapter: Optional($0)) }
        // The README's session quotes the welcome chapter's racy program, named with its chapter.
        let readme = paths.chapters.deletingLastPathComponent().appendingPathComponent("README.md")
        if FileManager.default.fileExists(atPath: readme.path) { documents.append((readme, nil)) }
        for (file, home) in documents {
            guard let markdown = try? String(contentsOf: file, encoding: .utf8) else { continue }
            let name = home.map { "\($0.slug)/chapter.md" } ?? file.lastPathComponent
            var bodies: [String: String] = [:]
            for block in CheckerTranscripts.blocks(in: markdown) {
                guard let (chapter, program) = transcriptTarget(block.program, in: home) else {
                    console.error("\(name) quotes checker output of '\(block.program)', which no chapter.yml declares")
                    failed = true
                    continue
                }
                guard let body = transcript(of: chapter, program, runner: runner) else {
                    failed = true
                    continue
                }
                bodies[block.program] = body
            }
            let updated = CheckerTranscripts.replacing(bodies, in: markdown)
            guard updated != markdown else { continue }
            stale.append(name)
            if !check {
                do {
                    try AtomicFile.write(Data(updated.utf8), to: file.path)
                } catch {
                    console.error("cannot write \(file.path): \(error)")
                    failed = true
                }
            }
        }
        if check {
            for name in stale { console.error("stale checker transcript in \(name); run `parlearn transcripts`") }
            if stale.isEmpty && !failed { console.print("checker transcripts are up to date") }
            return failed || !stale.isEmpty ? 1 : 0
        }
        console.print(stale.isEmpty ? "checker transcripts were already up to date" : "updated \(stale.joined(separator: ", "))")
        return failed ? 1 : 0
    }

    /// `racy` inside a chapter, or `00-welcome/racy` anywhere.
    private func transcriptTarget(_ name: String, in home: Chapter?) -> (Chapter, ProgramSpec)? {
        let parts = name.split(separator: "/").map(String.init)
        let chapter = parts.count == 2 ? library.chapters.first { $0.slug == parts[0] } : home
        guard let chapter, let program = chapter.program(named: parts.last ?? name) else { return nil }
        return (chapter, program)
    }

    /// The fenced body for one exploration with seed 0, or nil (and a message) without a verdict.
    private func transcript(of chapter: Chapter, _ program: ProgramSpec, runner: ProgramRunner) -> String? {
        let target = ProgramTarget.chapterProgram(chapter, program)
        let request = RunRequest.explore(for: program, strategy: nil, schedules: nil, seed: 0, depth: nil, preemptionBound: nil)
            .streams(for: target)
        let outcome = runner.check(target, request: request, timeout: program.seconds + 10) { _ in }
        let verdict = CheckerVerdict(outcome, request: request)
        if let problem = verdict.problem {
            console.error("\(target.commandName): no verdict: \(problem)")
            return nil
        }
        let rendered = ReportRenderer(theme: .plain, width: Self.transcriptWidth, replayTarget: target.commandName)
            .render(ProgramReport(nonce: nil, complete: true, scenarios: verdict.scenarios))
        return CheckerTranscripts.body(command: "parlearn explore \(target.commandName)", output: rendered)
    }
}
