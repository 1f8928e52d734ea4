import Foundation
import ParLearnKit

/// What a learner asks to run, explore or replay: a chapter program or a Swift file of their own.
public enum ProgramTarget: Sendable, Equatable {
    case chapterProgram(Chapter, ProgramSpec)
    case file(URL)
    /// The learner's files of an exercise, compiled with its check file as main.
    case exercise(Exercise)
    /// A folder with a `Package.swift`: `run` builds its one executable with `swift build`.
    case package(URL)

    /// The file that holds the program's scenarios.
    public var source: URL {
        switch self {
        case .chapterProgram(let chapter, let program): return chapter.url(of: program)
        case .file(let url): return url
        case .exercise(let exercise): return exercise.checkURL
        case .package(let folder): return folder.appendingPathComponent("Package.swift")
        }
    }

    /// What to hand the compiler: single-file programs have top-level code of their own.
    public var compileUnits: (files: [URL], mainFile: URL?) {
        if case .exercise(let exercise) = self {
            return (exercise.kind.compilesLearnerFiles ? exercise.learnerURLs : [], exercise.checkURL)
        }
        return ([source], nil)
    }

    /// How to name it in a command the learner can paste: "01-threads/racy" or a path.
    public var commandName: String {
        switch self {
        case .chapterProgram(let chapter, let program): return "\(chapter.slug)/\(program.name)"
        case .file(let url), .package(let url): return url.path
        case .exercise(let exercise): return exercise.id
        }
    }

    /// The engine that checks it, when its metadata says; nil for a file of the learner's own.
    public var engine: Engine? {
        switch self {
        case .exercise(let exercise): return exercise.engine
        case .chapterProgram(_, let program): return program.engine
        case .file, .package: return nil
        }
    }

    public var spec: ProgramSpec? {
        if case .chapterProgram(_, let program) = self { return program }
        return nil
    }

    public struct NotFound: Error, Equatable, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Resolves "racy" (in the open chapter), "01-threads/racy", "threads/racy", an exercise id,
    /// "path/file.swift" or a package folder ("path/service", holding a Package.swift).
    /// `exercises` is only called for a bare name that is no program of the open chapter.
    public static func resolve(_ text: String, in library: @autoclosure () -> ChapterLibrary, openChapter: Chapter?, exercises: () -> [Exercise] = { [] },
                               workingDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) throws(NotFound) -> ProgramTarget {
        let folder = text.hasPrefix("/") ? URL(fileURLWithPath: text) : workingDirectory.appendingPathComponent(text)
        if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
            return .package(folder.standardizedFileURL)
        }
        if text.hasSuffix(".swift") {
            let url = text.hasPrefix("/") ? URL(fileURLWithPath: text) : workingDirectory.appendingPathComponent(text)
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw NotFound(description: "no such file: \(url.path)")
            }
            return .file(url.standardizedFileURL)
        }
        let library = library()
        let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
        let chapter: Chapter
        let name: String
        if parts.count == 2 {
            guard let found = library.chapter(parts[0]) else {
                throw NotFound(description: library.notFound(parts[0]))
            }
            chapter = found
            name = parts[1]
        } else if let open = openChapter, open.program(named: text) != nil {
            chapter = open
            name = text
        } else if let exercise = exercises().first(where: { $0.id == text }) {
            return .exercise(exercise)
        } else if let open = openChapter {
            chapter = open
            name = text
        } else {
            throw NotFound(description: "which chapter? open one first (`open 00-welcome`) or write chapter/program, e.g. 00-welcome/\(text)")
        }
        guard let program = chapter.program(named: name) else {
            throw NotFound(description: "chapter \(chapter.slug) has no program '\(name)'"
                           + Suggestions.didYouMean(name, among: chapter.programs.map(\.name))
                           + "; its programs: \(chapter.programs.map(\.name).joined(separator: ", "))")
        }
        return .chapterProgram(chapter, program)
    }

    /// Why `--scenario name` fits no scenario of this program, listing the ones there are; nil
    /// when it fits, or when a scenario's name is computed and the source cannot tell.
    public func unknownScenario(_ name: String) -> String? {
        guard let text = try? String(contentsOf: source, encoding: .utf8) else { return nil }
        let declared = ScenarioScanner.declarations(in: text)
        let names = declared.compactMap(\.name)
        guard !declared.isEmpty, names.count == declared.count, !names.contains(name) else { return nil }
        return "\(source.lastPathComponent) has no scenario named '\(name)'; "
            + "its scenarios: \(names.map { "'\($0)'" }.joined(separator: ", "))"
    }
}

/// "did you mean …" hints by edit distance.
public enum Suggestions {
    /// Returns " (did you mean 'open'?)"-style text, or "" when nothing is close.
    public static func didYouMean(_ word: String, among candidates: [String]) -> String {
        guard let best = closest(to: word, among: candidates) else { return "" }
        return "; did you mean '\(best)'?"
    }

    public static func closest(to word: String, among candidates: [String]) -> String? {
        let lower = word.lowercased()
        if let prefixed = candidates.first(where: { $0.hasPrefix(lower) }), !lower.isEmpty { return prefixed }
        // The length difference bounds the distance from below: a 100 KB pasted line is compared
        // with nothing, instead of costing seconds of Levenshtein per candidate.
        let plausible = candidates.filter { abs($0.count - lower.count) <= max(2, $0.count / 3) }
        let scored = plausible.map { ($0, distance(lower, $0.lowercased())) }.min { $0.1 < $1.1 }
        guard let (best, d) = scored, d <= max(2, best.count / 3) else { return nil }
        return best
    }

    /// Levenshtein distance.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
