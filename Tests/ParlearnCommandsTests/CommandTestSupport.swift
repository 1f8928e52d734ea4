import Foundation
import WorkbookCore

@testable import ParlearnCommands

/// Everything a console writes, kept apart by stream.
final class CapturedOutput: ConsoleOutput {
    private(set) var output = ""
    private(set) var errors = ""
    func writeOutput(_ text: String) { output += text }
    func writeError(_ text: String) { errors += text }
}

/// Lines given up front, as a piped learner would type them.
final class ScriptedLines: LineSource {
    private var remaining: [String]
    init(_ lines: [String]) { remaining = lines }
    func nextLine(prompt: String) -> String? { remaining.isEmpty ? nil : remaining.removeFirst() }
}

/// A context over a workbook in a temporary folder (empty unless `chapters` are written to it),
/// writing to a buffer.
/// `interactive`: the console acts as a terminal (text is fitted to `width`).
func makeContext(_ frontEnd: CommandContext.FrontEnd, width: Int = 100, interactive: Bool = false,
                 chapters: [String: String] = [:]) -> (CommandContext, CapturedOutput) {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("parlearn-commands-\(UUID().uuidString)")
    for (path, text) in chapters {
        let file = root.appendingPathComponent("chapters/\(path)")
        let folder = file.deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try? Data(text.utf8).write(to: file)
    }
    let paths = WorkbookPaths(
        chapters: root.appendingPathComponent("chapters"), exercises: root.appendingPathComponent("exercises"),
        state: root.appendingPathComponent("state"), cache: root.appendingPathComponent("cache"))
    let captured = CapturedOutput()
    let console = Console(theme: .plain, errorTheme: .plain, isInteractive: interactive, output: captured,
                          width: { width })
    let context = CommandContext(frontEnd: frontEnd, console: console, paths: paths, lines: ScriptedLines([]),
                                 interruptRequested: { false })
    return (context, captured)
}
