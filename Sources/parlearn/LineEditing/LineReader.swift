import CLineEdit
import Foundation
import ParlearnCommands

/// What one prompt produced.
enum LineInput: Equatable {
    /// A line the user entered, without its newline.
    case line(String)
    /// Ctrl-C at the prompt: the typed text was discarded. The REPL shows a fresh prompt.
    case interrupted
    /// Ctrl-D on an empty line, or the end of piped input. The REPL exits with status 0.
    case endOfInput
}

/// Reads the REPL's input one line at a time.
protocol LineReader: LineSource {
    /// Shows `prompt` (which may contain ANSI colour codes) and reads one line.
    func readLine(prompt: String) -> LineInput
}

extension LineReader {
    /// A command's question: the answer, or nil for Ctrl-C or the end of input.
    func nextLine(prompt: String) -> String? {
        if case .line(let line) = readLine(prompt: prompt) { return line }
        return nil
    }
}

/// Offers completions for TAB. Given the line up to the cursor, it returns candidates for the
/// word being typed there (the text after the last space, empty after a space). The editor
/// ignores candidates that do not start with that word, so returning every command or every
/// chapter slug is fine.
typealias CompletionProvider = (_ lineUpToCursor: String) -> [String]

enum LineReaders {
    /// The reader for this process: line editing with history when stdin and stdout are both a
    /// terminal, plain lines (no prompt, no history, no ANSI) otherwise, so scripts stay clean.
    ///
    /// Installs the SIGINT flag handler in both cases: after this, Ctrl-C no longer kills the
    /// process, and the runner must watch `SigintWatch` while a child runs.
    static func make(
        programName: String = "parlearn",
        environment: [String: String] = ProcessInfo.processInfo.environment,
        completion: @escaping CompletionProvider
    ) -> any LineReader {
        SigintWatch.install()
        if isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1,
           let editor = EditLineReader(
               programName: programName,
               history: HistoryFile(path: HistoryFile.defaultPath(environment: environment)),
               completion: completion)
        {
            return editor
        }
        return PlainLineReader()
    }
}
