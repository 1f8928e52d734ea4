import ArgumentParser
import Foundation

/// What TAB can offer right now: the names of what is loaded.
public struct CompletionPools: Sendable {
    public var chapters: [String] = []
    /// Programs of the open chapter, by bare name.
    public var openChapterPrograms: [String] = []
    /// Every program as chapter/name.
    public var allPrograms: [String] = []
    public var exercises: [String] = []
    public var sections: [String] = []
}

/// TAB completion worked out from the commands' own declarations, as swift-argument-parser
/// describes them (`--experimental-dump-help`): command names, their options, the values an
/// option takes, and for a positional argument the names its value names (chapter, program,
/// exercise, section) refer to. No second table of commands to keep in step.
public enum CommandCompletion {
    /// Candidates for the last (partial) word of `line`, the text before the cursor.
    public static func candidates(for line: String, pools: CompletionPools, inREPL: Bool = true) -> [String] {
        let endsInSpace = line.last?.isWhitespace ?? false
        var words = (try? ShellWords.split(line)) ?? line.split(separator: " ").map(String.init)
        let partial = endsInSpace ? "" : words.popLast() ?? ""
        if words.first == "parlearn" { words.removeFirst() }
        let pool: [String]
        if let name = words.first {
            guard let command = tool.command(named: name) else { return [] }
            pool = candidates(after: Array(words.dropFirst()), partial: partial, in: command, pools: pools,
                              inREPL: inREPL)
        } else {
            pool = names(inREPL: inREPL)
        }
        var seen = Set<String>()
        return pool.filter { $0.hasPrefix(partial) && seen.insert($0).inserted }
    }

    private static func names(inREPL: Bool) -> [String] {
        tool.commands.filter { $0.shouldDisplay != false && !(inREPL && $0.commandName == "repl") }
            .flatMap { [$0.commandName] + ($0.aliases ?? []) }
    }

    private static func candidates(after words: [String], partial: String, in command: DumpedCommand,
                                   pools: CompletionPools, inREPL: Bool) -> [String] {
        let arguments = command.arguments ?? []
        let options = arguments.filter { $0.kind != "positional" && $0.shouldDisplay != false }
        if partial.hasPrefix("-") { return options.flatMap(\.longNames) }
        var position = 0
        var awaitingValueOf: DumpedArgument?
        for word in words {
            if awaitingValueOf != nil {
                awaitingValueOf = nil
            } else if word.hasPrefix("-") {
                let option = options.first { $0.longNames.contains(word) }
                if option?.kind == "option" { awaitingValueOf = option }
            } else {
                position += 1
            }
        }
        if let option = awaitingValueOf { return option.allValues ?? [] }
        let positionals = arguments.filter { $0.kind == "positional" }
        let argument = position < positionals.count ? positionals[position]
            : positionals.last.flatMap { $0.isRepeating == true ? $0 : nil }
        switch argument?.valueName {
        case "chapter"?: return pools.chapters
        case "program"?: return pools.openChapterPrograms + pools.allPrograms
        case "exercise"?: return pools.exercises
        case "section"?: return ["next", "prev", "all"] + pools.sections + pools.chapters
        case "only"?: return pools.chapters + pools.exercises
        case "subcommands"?: return names(inREPL: inREPL)
        default: return []
        }
    }

    /// The commands as the parser describes them, read once.
    private static let tool: DumpedCommand = {
        do {
            _ = try Parlearn.parseAsRoot(["--experimental-dump-help"])
        } catch {
            let json = Parlearn.fullMessage(for: error)
            if let dump = try? JSONDecoder().decode(Dump.self, from: Data(json.utf8)) { return dump.command }
        }
        preconditionFailure("swift-argument-parser did not describe the commands")
    }()

    private struct Dump: Decodable {
        var command: DumpedCommand
    }
}

/// The parts of swift-argument-parser's `CommandInfoV0` that completion reads.
private struct DumpedCommand: Decodable {
    var commandName: String
    var aliases: [String]?
    var shouldDisplay: Bool?
    var subcommands: [DumpedCommand]?
    var arguments: [DumpedArgument]?

    var commands: [DumpedCommand] { subcommands ?? [] }

    func command(named name: String) -> DumpedCommand? {
        commands.first { $0.commandName == name || ($0.aliases ?? []).contains(name) }
    }
}

/// The parts of `ArgumentInfoV0` that completion reads.
private struct DumpedArgument: Decodable {
    struct Name: Decodable {
        var kind: String
        var name: String
    }

    var kind: String
    var shouldDisplay: Bool?
    var isRepeating: Bool?
    var names: [Name]?
    var valueName: String?
    var allValues: [String]?

    var longNames: [String] { (names ?? []).filter { $0.kind == "long" }.map { "--" + $0.name } }
}
