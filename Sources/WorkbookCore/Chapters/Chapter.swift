import Foundation

/// A chapter module: a folder `chapters/NN-slug/` with its prose, metadata and programs.
public struct Chapter: Sendable, Equatable {
    /// The folder name, e.g. "01-threads"; what learners type.
    public var slug: String
    public var number: Int
    public var directory: URL
    public var metadata: ChapterMetadata
    /// `chapter.md` with every include already replaced by its code.
    public var markdown: String

    public var title: String { metadata.title }
    public var programs: [ProgramSpec] { metadata.programs }

    public func program(named name: String) -> ProgramSpec? {
        programs.first { $0.name == name }
    }

    public func url(of program: ProgramSpec) -> URL {
        directory.appendingPathComponent(program.file)
    }
}

/// Every chapter found in a folder, plus what was wrong with the ones that did not load.
public struct ChapterLibrary: Sendable {
    public var root: URL
    public var chapters: [Chapter]
    public var problems: [ContentProblem]

    /// Chapter folders are named like "01-threads": two digits, a dash, a lowercase slug.
    static var folderPattern: Regex<(Substring, Substring, Substring?)> { /^(\d{2})-[a-z0-9]+(-[a-z0-9]+)*$/ }

    /// Loads every chapter folder under `root`. A broken chapter is reported and skipped;
    /// the others still load. Loading reads files only, so new folders appear without a rebuild.
    public static func load(from root: URL) -> ChapterLibrary {
        let fm = FileManager.default
        var library = ChapterLibrary(root: root, chapters: [], problems: [])
        guard let names = try? fm.contentsOfDirectory(atPath: root.path) else {
            library.problems.append(ContentProblem(file: root.path, message: "no chapters folder here"))
            return library
        }
        for name in names.sorted() {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: root.appendingPathComponent(name).path, isDirectory: &isDir), isDir.boolValue,
                  !name.hasPrefix(".") else { continue }
            guard let match = name.wholeMatch(of: folderPattern), let number = Int(match.1) else {
                library.problems.append(ContentProblem(
                    file: name, message: "not a chapter folder name; use NN-slug, e.g. 03-processes"))
                continue
            }
            do {
                library.chapters.append(try loadChapter(slug: name, number: number, directory: root.appendingPathComponent(name)))
            } catch {
                library.problems.append(error)
            }
        }
        return library
    }

    static func loadChapter(slug: String, number: Int, directory: URL) throws(ContentProblem) -> Chapter {
        let metaPath = "\(slug)/chapter.yml"
        let mdPath = "\(slug)/chapter.md"
        guard let metaText = try? String(contentsOf: directory.appendingPathComponent("chapter.yml"), encoding: .utf8) else {
            throw ContentProblem(file: metaPath, message: "missing or unreadable (not UTF-8?); every chapter needs chapter.yml")
        }
        let metadata = try YAMLMetadata.decode(ChapterMetadata.self, from: metaText, file: metaPath)
        try validate(metadata, text: metaText, file: metaPath, directory: directory)
        guard let markdown = try? String(contentsOf: directory.appendingPathComponent("chapter.md"), encoding: .utf8) else {
            throw ContentProblem(file: mdPath, message: "missing or unreadable (not UTF-8?); every chapter needs chapter.md")
        }
        let resolved = IncludeResolver.resolve(markdown, directory: directory, file: mdPath)
        if let first = resolved.problems.first { throw first }
        return Chapter(slug: slug, number: number, directory: directory, metadata: metadata, markdown: resolved.text)
    }

    private static func validate(_ metadata: ChapterMetadata, text: String, file: String, directory: URL) throws(ContentProblem) {
        var seen = Set<String>()
        for (index, program) in metadata.programs.enumerated() {
            let line = YAMLMetadata.line(of: [IndexKey("programs"), IndexKey(index)], in: text)
            guard seen.insert(program.name).inserted else {
                throw ContentProblem(file: file, line: line, message: "program '\(program.name)' is declared twice")
            }
            guard FileManager.default.fileExists(atPath: directory.appendingPathComponent(program.file).path) else {
                throw ContentProblem(file: file, line: line, message: "program '\(program.name)' names \(program.file), which does not exist")
            }
        }
    }

    public func chapter(_ slug: String) -> Chapter? {
        chapters.first { $0.slug == slug } ?? chapters.first { $0.slug.hasPrefix(slug + "-") || $0.slug.dropFirst(3) == slug }
    }

    /// Why `name` finds no chapter: the load error of a broken chapter folder of that name, else
    /// "unknown chapter" with the closest slug.
    public func notFound(_ name: String) -> String {
        let folder = { (file: String) in String(file.split(separator: "/").first ?? "") }
        let matches = { (slug: String) in slug == name || slug.hasPrefix(name + "-") || slug.dropFirst(3) == name }
        if let problem = problems.first(where: { matches(folder($0.file)) }) {
            return "chapter \(folder(problem.file)) did not load: \(problem)"
        }
        return "unknown chapter '\(name)'" + Suggestions.didYouMean(name, among: chapters.map(\.slug))
    }
}

/// A coding key built from a literal, to look up lines of paths the decoder did not report.
struct IndexKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(_ string: String) { stringValue = string }
    init(_ int: Int) { stringValue = String(int); intValue = int }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { self.init(intValue) }
}
