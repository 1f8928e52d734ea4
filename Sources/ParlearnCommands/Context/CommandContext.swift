import Foundation
import ParLearnKit
import WorkbookCore

/// What every command runs against, in the REPL and the CLI alike: the console, the loaded
/// content and the REPL's context (open chapter, section, current exercise), which commands read
/// as defaults. Every command returns the exit status the CLI should end with: 0 done or clean,
/// 1 bug found or check failed, 2 usage, content or compile error.
public final class CommandContext {
    public enum FrontEnd: Sendable { case commandLine, repl }

    public let frontEnd: FrontEnd
    /// Swapped for the length of a command run with `--color always|never`.
    public internal(set) var console: Console
    /// The loaded content and the reading position, which commands read as defaults.
    public let session: WorkbookSession
    private var runner: ProgramRunner?
    /// Polled while a child runs; true once per Ctrl-C.
    let interruptRequested: @Sendable () -> Bool
    /// Where a command that asks the learner something reads the answers: the REPL's line editor,
    /// or stdin for the CLI. See `LineSource`.
    public var lines: any LineSource
    /// Set by `quit`; the REPL ends after the command.
    public internal(set) var quitRequested = false
    /// Starts the interactive loop for `parlearn repl`; nil inside the REPL itself.
    public var startREPL: ((CommandContext) -> Int32)?

    public init(frontEnd: FrontEnd, console: Console, paths: WorkbookPaths = .resolve(), lines: any LineSource,
                interruptRequested: @escaping @Sendable () -> Bool) {
        self.frontEnd = frontEnd
        self.console = console
        self.session = WorkbookSession(paths: paths)
        self.lines = lines
        self.interruptRequested = interruptRequested
    }

    /// TAB's candidates for the last word of `line` (the text before the cursor).
    public func completions(for line: String) -> [String] {
        let pools = CompletionPools(
            chapters: library.chapters.map(\.slug),
            openChapterPrograms: openChapter?.programs.map(\.name) ?? [],
            allPrograms: library.chapters.flatMap { chapter in chapter.programs.map { "\(chapter.slug)/\($0.name)" } },
            exercises: exerciseIDs,
            sections: session.sectionTitles)
        return CommandCompletion.candidates(for: line, pools: pools, inREPL: frontEnd == .repl)
    }

    /// True in the REPL; in the CLI, says that `line` only makes sense in the REPL.
    func requireREPL(_ line: String) -> Bool {
        guard frontEnd == .commandLine else { return true }
        console.error("`\(line.split(separator: " ")[0])` works in the interactive workbook only: "
                      + "run `parlearn`, then `\(line)`")
        return false
    }

    var paths: WorkbookPaths { session.paths }
    public var library: ChapterLibrary { session.library }
    public var openChapter: Chapter? { session.openChapter }
    var exerciseCatalog: ExerciseCatalog { session.exerciseCatalog }
    func reload() { session.reload() }
    func reloadExercises() { session.reloadExercises() }

    // MARK: Chapters

    @discardableResult
    func chapters() -> Int32 {
        reload()
        let t = console.theme
        if library.chapters.isEmpty { console.print("No chapters found in \(paths.chapters.path).") }
        for chapter in library.chapters {
            console.printEntry("\(t.paint(chapter.slug, .bold))  ", leadWidth: chapter.slug.count + 2,
                               [StyledRun(chapter.title)])
            console.printWrapped(chapter.metadata.summary, indent: 4)
        }
        reportProblems()
        return library.problems.isEmpty ? 0 : 2
    }

    private func reportProblems() {
        for problem in library.problems { console.error("skipped \(problem)") }
    }

    @discardableResult
    func open(_ name: String?) -> Int32 {
        guard let name else {
            console.error("usage: open <chapter>  (try `chapters`)")
            return 2
        }
        reload()
        guard let chapter = library.chapter(name) else {
            console.error(library.notFound(name))
            return 2
        }
        session.open(chapter)
        console.printWrapped("\(chapter.slug): \(chapter.title)", style: .bold)
        console.printWrapped(chapter.metadata.summary)
        console.note("`read` to start reading, `programs` to see its programs.")
        return 0
    }

    private func requireChapter(_ name: String?) -> Chapter? {
        if let name {
            reload()
            if let chapter = library.chapter(name) { return chapter }
            console.error(library.notFound(name))
            return nil
        }
        if let openChapter { return openChapter }
        console.error(frontEnd == .repl ? "no chapter is open; `open <chapter>` first (try `chapters`)"
                      : "name a chapter, e.g. 01-threads (`parlearn chapters` lists them)")
        return nil
    }

    /// `read`, `read next`, `read prev`, `read <section>`; the CLI passes the chapter explicitly.
    @discardableResult
    func read(_ argument: String?, chapter name: String? = nil, pager: Bool = true) -> Int32 {
        guard let chapter = requireChapter(name) else { return 2 }
        if name != nil { session.open(chapter, keepingPlace: true) }
        let sections = MarkdownRenderer(theme: console.theme, width: console.width).sections(chapter.markdown)
        guard !sections.isEmpty else {
            console.error("\(chapter.slug)/chapter.md is empty")
            return 2
        }
        let index: Int
        switch session.read(argument, among: sections) {
        case .section(let shown):
            index = shown
        case .all:
            console.page(lines: sections.flatMap { $0.lines + [""] }, pager: pager)
            return 0
        case .atLastSection:
            console.note("That was the last section of \(chapter.slug). `programs` lists what you can run.")
            return 0
        case .atFirstSection:
            console.note("This is the first section.")
            return 0
        case .ambiguous(let titles):
            console.error("'\(argument ?? "")' matches several sections: \(titles.joined(separator: ", "))")
            return 2
        case .notFound(let titles):
            let offered = titles.joined(separator: ", ")
            console.error("no section '\(argument ?? "")' in \(chapter.slug); sections: \(offered)")
            return 2
        }
        console.page(lines: sections[index].lines, pager: pager)
        let position = "[\(chapter.slug) · section \(index + 1) of \(sections.count)"
        let hint = index + 1 < sections.count ? " · `next`: \(sections[index + 1].title)]" : " · end]"
        console.print()
        console.note(position + hint)
        return 0
    }

    @discardableResult
    func programs(chapter name: String? = nil) -> Int32 {
        guard let chapter = requireChapter(name) else { return 2 }
        let width = chapter.programs.map(\.name.count).max() ?? 0
        for program in chapter.programs {
            let padded = program.name.padding(toLength: width, withPad: " ", startingAt: 0)
            let expect = program.expect == .none
                ? [] : [StyledRun("  [\(program.expect.rawValue)]", .dim, unbreakable: true)]
            console.printEntry("\(console.theme.paint(padded, .bold))  ", leadWidth: width + 2,
                               [StyledRun(program.demonstrates)] + expect)
        }
        return 0
    }

    // MARK: Programs

    func resolve(_ text: String?, verb: String) -> ProgramTarget? {
        guard let text else {
            console.error("which program? e.g. `\(verb) racy` in an open chapter, or `\(verb) 00-welcome/racy`")
            return nil
        }
        if !text.hasSuffix(".swift") { reload() }
        do {
            let target = try ProgramTarget.resolve(text, in: library, openChapter: openChapter,
                                                   exercises: { self.exerciseCatalog.exercises })
            if case .package = target, verb != "run" {
                console.error("\(text) is a Swift package: `run` builds and runs it; "
                              + "\(verb) works on single .swift programs")
                return nil
            }
            return target
        } catch {
            console.error(error.description)
            return nil
        }
    }

    /// `resolve`, and a `--scenario` the program does not declare is refused before compiling.
    func resolve(_ text: String?, verb: String, scenario: String?) -> ProgramTarget? {
        guard let target = resolve(text, verb: verb) else { return nil }
        if let scenario, let problem = target.unknownScenario(scenario) {
            console.error(problem)
            return nil
        }
        return target
    }

    func programRunner() -> ProgramRunner? {
        if let runner { return runner }
        let bootstrap = KitLocation.bootstrap {
            console.note("building ParLearnKit for learner programs (once; `swift run` does not build it)…")
        }
        if case .failed(let output) = bootstrap { console.error("building the kit failed: \(output)") }
        do {
            let made = try ProgramRunner.standard(paths: paths)
            runner = made
            return made
        } catch {
            console.error(error.description)
            return nil
        }
    }

    @discardableResult
    func show(_ text: String?, pager: Bool = true) -> Int32 {
        guard let target = resolve(text, verb: "show") else { return 2 }
        guard let excerpt = SourceExcerpt.read(target.source) else {
            console.error("cannot read \(target.source.path) (missing, unreadable or not UTF-8)")
            return 2
        }
        let raw = excerpt.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let rendered = SourceListing.render(excerpt.text, theme: console.theme)
        let visible = Set(IncludeResolver.visibleLineNumbers(raw))
        let heading = console.theme.paint("// \(target.commandName) (\(target.source.lastPathComponent))", .dim)
        let body = rendered.enumerated().filter { visible.contains($0.offset) }.map(\.element)
        console.page(lines: [heading] + body + (excerpt.truncation.map { [console.theme.paint($0, .dim)] } ?? []),
                     pager: pager)
        return 0
    }

    /// Compiles and runs a program; `timeout` overrides the runner's wall-clock limit.
    @discardableResult
    func run(_ text: String?, timeout: Double? = nil, arguments: [String] = []) -> Int32 {
        guard let target = resolve(text, verb: "run"), let runner = programRunner() else { return 2 }
        if case .package = target {
            console.note("building \(target.commandName) with swift build "
                         + "(a first build with dependencies takes minutes)…")
        } else {
            console.note("compiling \(target.commandName)…")
        }
        var filter = OutputFilter()
        var tail = OutputTail()
        _ = interruptRequested()
        let (compiled, status) = runner.run(target, timeout: timeout, arguments: arguments,
                                                 interruptRequested: interruptRequested) { event in
            if case .output(let data) = event { tail.append(data) }
            self.show(event, through: &filter)
        }
        guard let status else { return reportCompileFailure(compiled) }
        if let note = filter.truncationNote { console.note(note) }
        let cause = status.signal.flatMap { CrashCause.read(from: tail.text, signal: $0) }
        let summary = "[\(target.commandName) \(status.summary(crash: cause))]"
        console.printWrapped(summary, style: status.succeeded ? .dim : .yellow)
        return status.exitStatus
    }

    private func show(_ event: ChildProcess.Event, through filter: inout OutputFilter) {
        switch event {
        case .output(let data): console.write(filter.filter(data))
        case .interruptSent: console.print("\n^C: stopping the program (press Ctrl-C again to kill it)")
        case .killSent: console.print("the program did not stop; killing it")
        }
    }

    private func reportCompileFailure(_ result: CompileResult) -> Int32 {
        if case .failed(_, let output) = result {
            console.error("does not compile:")
            console.print(output.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return 2
    }
}

extension IncludeResolver {
    /// Indices of the lines that are not anchor markers, keeping the file's own numbering.
    static func visibleLineNumbers(_ lines: [String]) -> [Int] {
        lines.indices.filter { !visibleLines([lines[$0]]).isEmpty }
    }
}
