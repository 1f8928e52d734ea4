import Foundation
import WorkbookCore

/// Where the REPL and the CLI write: stdout for results, stderr for problems, with the colour
/// and width decided once from the environment and re-read per render.
final class Console {
    let theme: Theme
    let errorTheme: Theme
    let isInteractive: Bool

    init(colourFlag: ColourFlag = .auto, environment: [String: String] = ProcessInfo.processInfo.environment) {
        theme = Theme(colour: ColourPolicy.resolve(flag: colourFlag, environment: environment, isTTY: isatty(STDOUT_FILENO) == 1))
        errorTheme = Theme(colour: ColourPolicy.resolve(flag: colourFlag, environment: environment, isTTY: isatty(STDERR_FILENO) == 1))
        isInteractive = isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
    }

    /// The terminal's width now (it may have been resized), else COLUMNS, else 80.
    var width: Int { TerminalWidth.current() }

    func print(_ text: String = "") {
        write(text + "\n")
    }

    func print(lines: [String]) {
        if !lines.isEmpty { write(lines.joined(separator: "\n") + "\n") }
    }

    /// Raw text, unbuffered, so program output interleaves correctly with ours.
    func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Prose wrapped to the terminal, continuation lines indented by `indent` spaces more.
    func printWrapped(_ text: String, style: TextStyle = .plain, indent: Int = 0, hanging: Int = 2) {
        let words = TextWrapper.words([StyledRun(text, style)])
        let lines = TextWrapper.wrap(words, width: max(20, width - indent - hanging), theme: theme)
        for (n, line) in lines.enumerated() {
            print(String(repeating: " ", count: indent + (n == 0 ? 0 : hanging)) + line)
        }
    }

    func error(_ text: String) {
        FileHandle.standardError.write(Data((errorTheme.paint(text, .red) + "\n").utf8))
    }

    func note(_ text: String) {
        print(theme.paint(text, .dim))
    }
}

extension TerminalWidth {
    /// The width of the terminal on stdout right now, read at each render (it may have been resized).
    static func current() -> Int {
        var size = winsize()
        let columns = ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? Int(size.ws_col) : nil
        return resolve(ioctlColumns: columns, environment: ProcessInfo.processInfo.environment)
    }
}
