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
        for chapter in library.chapters {
            let file = chapter.directory.appendingPathComponent("chapter.md")
            guard let markdown = try? String(contentsOf: file, encoding: .utf8) else { continue }
            var bodies: [String: String] = [:]
            for block in CheckerTranscripts.blocks(in: markdown) {
                guard let program = chapter.program(named: block.program) else {
                    console.error("\(chapter.slug)/chapter.md quotes checker output of '\(block.program)', which chapter.yml does not declare")
                    failed = true
                    continue
                }
                let target = ProgramTarget.chapterProgram(chapter, program)
                let request = RunRequest.explore(for: program, strategy: nil, schedules: nil, seed: 0, depth: nil, preemptionBound: nil)
                    .streams(for: target)
                let outcome = runner.check(target, request: request, timeout: program.seconds + 10) { _ in }
                let verdict = CheckerVerdict(outcome, request: request)
                guard verdict.problem == nil else {
                    console.error("\(target.commandName): no verdict: \(verdict.problem!)")
                    failed = true
                    continue
                }
                let rendered = ReportRenderer(theme: .plain, width: Self.transcriptWidth, replayTarget: target.commandName)
                    .render(ProgramReport(nonce: nil, complete: true, scenarios: verdict.scenarios))
                bodies[block.program] = CheckerTranscripts.body(command: "parlearn explore \(target.commandName)", output: rendered)
            }
            let updated = CheckerTranscripts.replacing(bodies, in: markdown)
            guard updated != markdown else { continue }
            stale.append("\(chapter.slug)/chapter.md")
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
}
