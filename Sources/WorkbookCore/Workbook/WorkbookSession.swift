import Foundation

/// What a session has loaded and where the learner is: the chapters and exercises (loaded on first
/// use, reloaded on request), the open chapter and the section being read. The REPL keeps one for
/// its life, so its commands default to the open chapter; `parlearn <command>` uses one for one
/// command.
public final class WorkbookSession {
    public let paths: WorkbookPaths
    public private(set) var openChapter: Chapter?
    /// The section `read` shows, counted from 0 in the open chapter.
    public private(set) var sectionIndex = 0
    private var loadedLibrary: ChapterLibrary?
    private var loadedCatalog: ExerciseCatalog?
    /// Section titles of the open chapter, for TAB: rendering a chapter is too slow per key.
    private var loadedSections: (slug: String, titles: [String])?

    public init(paths: WorkbookPaths) {
        self.paths = paths
    }

    /// The chapters as loaded by the last `reload()`, or now on first use.
    public var library: ChapterLibrary {
        if let loadedLibrary { return loadedLibrary }
        let loaded = ChapterLibrary.load(from: paths.chapters)
        loadedLibrary = loaded
        return loaded
    }

    /// The exercises as loaded since the last `reload()` or `reloadExercises()`, or now.
    public var exerciseCatalog: ExerciseCatalog {
        if let loadedCatalog { return loadedCatalog }
        let loaded = ExerciseLoader.load(from: paths.exercises)
        loadedCatalog = loaded
        return loaded
    }

    /// Reads the content folders again, so a folder an instructor just dropped in appears. The
    /// open chapter is reloaded too (or closed, if it is gone).
    public func reload() {
        loadedLibrary = nil
        loadedCatalog = nil
        loadedSections = nil
        if let open = openChapter { openChapter = library.chapter(open.slug) }
    }

    /// Forgets the loaded exercises, so a folder dropped in since shows up.
    public func reloadExercises() {
        loadedCatalog = nil
    }

    /// Makes `chapter` the open one, at its first section (unless it already was open).
    public func open(_ chapter: Chapter, keepingPlace: Bool = false) {
        if keepingPlace && chapter.slug == openChapter?.slug { return }
        openChapter = chapter
        sectionIndex = 0
    }

    /// Section titles of the open chapter, worked out once per chapter.
    public var sectionTitles: [String] {
        guard let chapter = openChapter else { return [] }
        if let loadedSections, loadedSections.slug == chapter.slug { return loadedSections.titles }
        let titles = MarkdownRenderer(theme: .plain, width: 80).sections(chapter.markdown).map(\.title)
        loadedSections = (chapter.slug, titles)
        return titles
    }

    /// Where `read <argument>` goes among `sections` of the open chapter.
    public enum ReadingStep: Sendable, Equatable {
        /// Show this section (now the current one).
        case section(Int)
        /// Show every section.
        case all
        /// `next` at the last section, `prev` at the first: nothing moves.
        case atLastSection, atFirstSection
        /// A name that matches several section titles, or none: these are the titles to offer.
        case ambiguous([String]), notFound([String])
    }

    /// Moves the reading position for `argument`: nil stays, `next`, `prev`, `all`, or a section
    /// title (or the start of one), and says what to show.
    public func read(_ argument: String?, among sections: [RenderedSection]) -> ReadingStep {
        sectionIndex = min(sectionIndex, max(0, sections.count - 1))
        switch argument?.lowercased() {
        case nil:
            return .section(sectionIndex)
        case "next"?:
            guard sectionIndex + 1 < sections.count else { return .atLastSection }
            sectionIndex += 1
        case "prev"?:
            guard sectionIndex > 0 else { return .atFirstSection }
            sectionIndex -= 1
        case "all"?:
            return .all
        case let name?:
            switch RenderedSection.find(name, in: sections) {
            case .found(let index): sectionIndex = index
            case .ambiguous(let indices): return .ambiguous(indices.map { sections[$0].title })
            case .notFound: return .notFound(sections.map(\.title))
            }
        }
        return .section(sectionIndex)
    }
}
