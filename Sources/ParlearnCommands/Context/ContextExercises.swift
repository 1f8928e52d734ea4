import Foundation
import ParLearnKit
import WorkbookCore

/// The exercise commands: exercises, start, edit, check, hint, watch, solution, reset, progress.
extension CommandContext {
    var exerciseIDs: [String] { exerciseCatalog.exercises.map(\.id) }
    private var progressStore: ProgressStore { ProgressStore(directory: paths.state) }
    private var workspace: ExerciseWorkspace { ExerciseWorkspace(stateDirectory: paths.state) }

    /// LearnerProgress, loaded; a corrupt file is reported and rebuilt by re-checking every exercise.
    private func loadProgress(_ catalog: ExerciseCatalog) -> LearnerProgress {
        let loaded = progressStore.load()
        guard let notice = loaded.notice else { return loaded.progress }
        console.error(notice)
        if loaded.restored {
            save(loaded.progress)
            return loaded.progress
        }
        console.note("rebuilding your progress by re-checking every exercise (Ctrl-C stops)…")
        var progress = loaded.progress
        if let checker = exerciseChecker() {
            progress.rebuild(from: catalog, checker: checker) { exercise, status in
                console.print("  \(status.symbol) \(exercise.id)")
            }
        }
        save(progress)
        return progress
    }

    private func save(_ progress: LearnerProgress) {
        do {
            try progressStore.save(progress)
        } catch {
            console.error(progressStore.saveProblem(error))
        }
    }

    /// The named exercise, or the current one; explains what is wrong otherwise.
    private func exercise(_ id: String?, in catalog: ExerciseCatalog, progress: LearnerProgress) -> Exercise? {
        for problem in catalog.diagnostics { console.error("skipped \(problem)") }
        guard let id = id ?? progress.current else {
            console.error("which exercise? `start <id>` first, or name one (`exercises` lists them)")
            return nil
        }
        guard let exercise = catalog.exercise(id: id) else {
            console.error("unknown exercise '\(id)'\(Suggestions.didYouMean(id, among: catalog.exercises.map(\.id)))")
            return nil
        }
        return exercise
    }

    @discardableResult
    func exercises() -> Int32 {
        let catalog = exerciseCatalog
        let table = ExerciseTable(exercises: catalog.exercises, progress: loadProgress(catalog))
        let idWidth = table.rows.map(\.id.count).max() ?? 0
        let chapterWidth = table.rows.map(\.chapter.count).max() ?? 0
        for row in table.rows {
            let symbol = row.status == .passed ? console.theme.paint(row.symbol, .green)
                : row.status == .failed ? console.theme.paint(row.symbol, .red) : row.symbol
            func pad(_ text: String, _ width: Int) -> String {
                text.padding(toLength: width, withPad: " ", startingAt: 0)
            }
            let points = pad("\(row.points) pt\(row.points == 1 ? "" : "s")", 6)
            let chapter = pad(row.chapter, chapterWidth)
            console.printEntry("\(symbol) \(pad(row.id, idWidth))  \(points)  \(chapter)  ",
                               leadWidth: 2 + idWidth + 2 + 6 + 2 + chapterWidth + 2, [StyledRun(row.title)])
        }
        console.note("\(table.passedCount) of \(table.rows.count) passed, "
                     + "\(table.pointsEarned)/\(table.pointsTotal) points. `start <id>` to begin one.")
        for problem in catalog.diagnostics { console.error("skipped \(problem)") }
        return catalog.diagnostics.isEmpty ? 0 : 2
    }

    @discardableResult
    func start(_ id: String?) -> Int32 {
        let catalog = exerciseCatalog
        var progress = loadProgress(catalog)
        guard let id else {
            console.error("usage: start <exercise>  (`exercises` lists them)")
            return 2
        }
        guard let exercise = exercise(id, in: catalog, progress: progress) else { return 2 }
        progress.current = exercise.id
        save(progress)
        let renderer = MarkdownRenderer(theme: console.theme, width: console.width)
        console.print(lines: renderer.renderLines(workspace.task(for: exercise)))
        console.print()
        // Paths are kept whole, one a line when they do not fit, so they can be copied.
        let files = exercise.learnerURLs.map(\.path)
        let edit = "Edit: " + files.joined(separator: ", ")
        let fits = !console.isInteractive || DisplayWidth.of(edit) <= console.width
        console.print(lines: fits ? [edit] : ["Edit:"] + files.map { "  " + $0 })
        console.note("Then `check` (or `watch` to re-check on every save); `hint` when stuck.")
        return 0
    }

    @discardableResult
    func edit(_ id: String? = nil) -> Int32 {
        let catalog = exerciseCatalog
        guard let exercise = exercise(id, in: catalog, progress: loadProgress(catalog)) else { return 2 }
        let env = ProcessInfo.processInfo.environment
        let editor = [env["VISUAL"], env["EDITOR"]].compactMap { $0 }.first { !$0.isEmpty } ?? "vi"
        let status = ForegroundCommand.run(shellCommand: "\(editor) \"$@\"",
                                           arguments: exercise.learnerURLs.map(\.path))
        if !status.succeeded { console.error("\(editor) \(status.summary)") }
        return status.succeeded ? 0 : 1
    }

    /// The exercise checker over the real runner; Ctrl-C stops the program being checked.
    func exerciseChecker() -> ExerciseChecker? {
        guard let runner = programRunner() else { return nil }
        return ExerciseChecker(executor: ProcessExecutor(runner: runner, interruptRequested: interruptRequested))
    }

    @discardableResult
    func check(_ id: String?, stress: Bool) -> Int32 {
        checked(id, stress: stress)?.exitStatus ?? 2
    }

    /// `check`'s work: the verdict, shown and recorded; nil when there was nothing to check (said why).
    private func checked(_ id: String?, stress: Bool) -> CheckVerdict? {
        let catalog = exerciseCatalog
        var progress = loadProgress(catalog)
        guard let exercise = exercise(id, in: catalog, progress: progress), let checker = exerciseChecker() else {
            return nil
        }
        warnAboutGuardRails(in: .exercise(exercise))
        if let warning = catalog.lockWarning(for: exercise) { console.printWrapped(warning, style: .yellow) }
        let budget = exercise.budget
        switch exercise.kind {
        case .code where exercise.engine == .stress:
            let tsan = budget.stress.threadSanitizer ? " under ThreadSanitizer" : ""
            console.note("checking \(exercise.id): \(budget.seeds.count) stress runs of \(budget.stress.threads) threads × "
                         + "\(budget.stressIterations) iterations\(tsan)…")
        case .code:
            let then = stress ? ", then \(budget.stressIterations) real-thread runs" : ""
            let schedules = "up to \(budget.schedules) schedules × \(budget.seeds.count) seeds"
            console.note("checking \(exercise.id): \(schedules)\(then)…")
        case .predict: console.note("checking \(exercise.id): your prediction against every schedule…")
        case .schedule: console.note("checking \(exercise.id): replaying your schedule…")
        }
        _ = interruptRequested()
        let verdict = checker.check(exercise.checkInputs, stressIterations: stress ? budget.stressIterations : nil,
                                    replayTarget: exercise.id)
        show(verdict)
        if verdict.kind != .interrupted && verdict.kind != .error {
            progress.record(verdict, at: Date())
            if id != nil { progress.current = exercise.id }
            if verdict.passed {
                console.note(catalog.nextStep(after: exercise.id, progress: progress))
                if let next = catalog.next(after: exercise.id, progress: progress) { progress.current = next.id }
            }
            save(progress)
        }
        return verdict
    }

    private func show(_ verdict: CheckVerdict) {
        let theme = console.theme
        let label = verdict.kind.rawValue.uppercased()
        console.print(theme.paint(label, verdict.passed ? .green : .red))
        console.printWrapped(verdict.headline, indent: 2)
        for line in verdict.details { console.printWrapped(line, indent: 2) }
        for diagnostic in verdict.diagnostics.prefix(12) {
            // The file name is enough here (the headline names the exercise); notes wrap with the errors.
            let name = URL(fileURLWithPath: diagnostic.file).lastPathComponent
            let text = "\(name):\(diagnostic.line):\(diagnostic.column): \(diagnostic.severity.rawValue): \(diagnostic.message)"
            console.printWrapped(text, indent: 2, hanging: 4)
        }
        if let bug = verdict.bug {
            let renderer = ReportRenderer(theme: theme, width: console.width, replayTarget: verdict.exerciseID)
            console.print(lines: renderer.interleaving(bug))
        }
        if let replay = verdict.replayCommand {
            console.print("  Replay:")
            console.print("    " + replay)
        }
        if !verdict.passed, !verdict.output.isEmpty, verdict.bug == nil, verdict.diagnostics.isEmpty {
            console.note("last output of your program:")
            console.print(verdict.output)
        }
    }

    @discardableResult
    func hint(_ id: String?) -> Int32 {
        let catalog = exerciseCatalog
        var progress = loadProgress(catalog)
        guard let exercise = exercise(id, in: catalog, progress: progress) else { return 2 }
        let reveal = progress.revealNextHint(of: exercise)
        save(progress)
        let last = reveal.repeated ? " (that was the last one)" : ""
        console.print(console.theme.paint("Hint \(reveal.number) of \(reveal.total)", .bold) + last)
        console.print(lines: MarkdownRenderer(theme: console.theme, width: console.width).renderLines(reveal.text))
        return 0
    }

    @discardableResult
    func solution(_ id: String?) -> Int32 {
        let catalog = exerciseCatalog
        let progress = loadProgress(catalog)
        guard let exercise = exercise(id, in: catalog, progress: progress) else { return 2 }
        switch workspace.solution(for: exercise, progress: progress) {
        case .locked(let reason):
            console.error(reason)
            return 1
        case .available(let files):
            for file in files {
                console.print(console.theme.paint("// solution: \(file.file)", .dim))
                console.print(lines: SourceListing.render(file.text, theme: console.theme))
            }
            return 0
        }
    }

    @discardableResult
    func reset(_ id: String?) -> Int32 {
        let catalog = exerciseCatalog
        guard let exercise = exercise(id, in: catalog, progress: loadProgress(catalog)) else { return 2 }
        do {
            let outcome = try workspace.reset(exercise)
            for backup in outcome.backups { console.printWrapped("backed up your version to \(backup.path)") }
            for file in outcome.restored { console.printWrapped("restored the starter \(file.path)") }
            return 0
        } catch {
            console.error("\(error)")
            return 1
        }
    }

    @discardableResult
    func progress() -> Int32 {
        let catalog = exerciseCatalog
        let table = ExerciseTable(exercises: catalog.exercises, progress: loadProgress(catalog))
        console.printWrapped("\(table.passedCount) of \(table.rows.count) exercises passed · "
                             + "\(table.pointsEarned)/\(table.pointsTotal) points")
        let chapters = Dictionary(grouping: table.rows, by: \.chapter)
        for chapter in chapters.keys.sorted() {
            let rows = chapters[chapter]!
            let passed = rows.filter { $0.status == .passed }.count
            console.printWrapped("\(chapter): \(passed)/\(rows.count)  \(rows.map(\.symbol).joined())", indent: 2)
        }
        console.note("progress file: \(progressStore.fileURL.path)")
        return 0
    }

    /// Re-checks on every save of the learner's files until Ctrl-C; after a pass it moves on to
    /// the next exercise, as rustlings does.
    func watch(_ id: String?) -> Int32 {
        let catalog = exerciseCatalog
        guard var exercise = exercise(id, in: catalog, progress: loadProgress(catalog)) else { return 2 }
        while true {
            let files = exercise.learnerURLs.map(\.lastPathComponent).joined(separator: ", ")
            console.note("watching \(files); Ctrl-C stops")
            var first = true
            let ended = SaveWatcher(files: exercise.learnerURLs).watch(stopRequested: interruptRequested) {
                if !first { console.print() }
                first = false
                let verdict = checked(exercise.id, stress: false)
                // Ctrl-C stops watching, as the note says: one that stopped the check, and one
                // that came while nothing ran that could notice it (a compile, a quick verdict).
                if verdict?.kind == .interrupted || interruptRequested() { return .stopped }
                return verdict?.passed == true ? .done : .keepWatching
            }
            guard ended == .done, let next = catalog.next(after: exercise.id, progress: loadProgress(catalog)) else {
                break
            }
            exercise = next
            console.print()
            _ = start(next.id)
        }
        console.print("\nstopped watching")
        return 0
    }
}
