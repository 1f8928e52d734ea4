/// The words TAB can offer, taken from what is loaded right now.
public struct CompletionContext: Sendable {
    public var chapters: [String]
    /// Programs of the open chapter, by bare name.
    public var openChapterPrograms: [String]
    /// Every program as chapter/name.
    public var allPrograms: [String]
    public var exercises: [String]
    public var sections: [String]

    public init(chapters: [String] = [], openChapterPrograms: [String] = [], allPrograms: [String] = [],
                exercises: [String] = [], sections: [String] = []) {
        self.chapters = chapters
        self.openChapterPrograms = openChapterPrograms
        self.allPrograms = allPrograms
        self.exercises = exercises
        self.sections = sections
    }
}

public enum TabCompletion {
    /// Candidates for the last (partial) word of `line`, which is the text before the cursor.
    public static func candidates(for line: String, context: CompletionContext) -> [String] {
        let endsInSpace = line.last?.isWhitespace ?? false
        let words = (try? CommandLineParser.tokenize(line)) ?? line.split(separator: " ").map(String.init)
        let partial = endsInSpace ? "" : (words.last ?? "")
        let before = endsInSpace ? words : Array(words.dropLast())
        guard let commandWord = before.first else {
            return CommandCatalog.names.filter { $0.hasPrefix(partial) }
        }
        guard let spec = CommandCatalog.spec(named: commandWord) else { return [] }
        let pool: [String]
        if partial.hasPrefix("-") {
            pool = spec.options
        } else if before.count == 1 {
            switch spec.argument {
            case .none: pool = []
            case .chapter: pool = context.chapters
            case .program: pool = context.openChapterPrograms + context.allPrograms
            case .exercise: pool = context.exercises
            case .command: pool = CommandCatalog.names
            case .section: pool = ["next", "prev"] + context.sections
            }
        } else if spec.name == "explore", before.last == "--strategy" {
            pool = ["random", "pct", "dfs", "portfolio"]
        } else {
            pool = spec.options
        }
        var seen = Set<String>()
        return pool.filter { $0.hasPrefix(partial) && seen.insert($0).inserted }
    }
}
