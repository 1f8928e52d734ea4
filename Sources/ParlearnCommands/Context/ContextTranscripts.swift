import WorkbookCore

/// `transcripts [--check]`: keeps the checker output quoted in chapters true.
extension CommandContext {
    func transcripts(check: Bool) -> Int32 {
        reload()
        guard let runner = programRunner() else { return 2 }
        // The README's session quotes the welcome chapter's racy program, named with its chapter.
        let readme = paths.chapters.deletingLastPathComponent().appendingPathComponent("README.md")
        let refresh = TranscriptRefresh.compute(library: library, readme: readme) { target, request, timeout in
            runner.check(target, request: request, timeout: timeout) { _ in }
        }
        var problems = refresh.problems
        if check {
            problems += refresh.updates.map { "stale checker transcript in \($0.name); run `parlearn transcripts`" }
        } else {
            problems += refresh.write()
        }
        for problem in problems { console.error(problem) }
        let updated = refresh.updates.map(\.name)
        switch (check, updated.isEmpty) {
        case (true, _): if problems.isEmpty { console.printWrapped("checker transcripts are up to date") }
        case (false, true): console.printWrapped("checker transcripts were already up to date")
        case (false, false): console.printWrapped("updated \(updated.joined(separator: ", "))")
        }
        return problems.isEmpty ? 0 : 1
    }
}
