import Foundation
import WorkbookCore

/// Where console text goes: the process's stdout and stderr, or a buffer in tests.
public protocol ConsoleOutput: AnyObject {
    /// Results and program output, written as they come (unbuffered).
    func writeOutput(_ text: String)
    /// Problems, already painted.
    func writeError(_ text: String)
}

/// The process's own stdout and stderr.
public final class StandardStreams: ConsoleOutput {
    public init() {}
    public func writeOutput(_ text: String) { FileHandle.standardOutput.write(Data(text.utf8)) }
    public func writeError(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }
}

/// Where the REPL and the CLI write: results to the output, problems to the error stream, with
/// the colour decided once from the environment and the width re-read per render.
public final class Console {
    public let theme: Theme
    public let errorTheme: Theme
    public let isInteractive: Bool
    public let output: any ConsoleOutput
    private let currentWidth: () -> Int

    /// The process's console: colour and interactivity from the flag, the environment and whether
    /// the streams are terminals.
    public convenience init(colourFlag: ColourFlag = .auto,
                            environment: [String: String] = ProcessInfo.processInfo.environment) {
        let policy = { (descriptor: Int32) in
            Theme(colour: ColourPolicy.resolve(flag: colourFlag, environment: environment,
                                               isTTY: isatty(descriptor) == 1))
        }
        self.init(theme: policy(STDOUT_FILENO), errorTheme: policy(STDERR_FILENO),
                  isInteractive: isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1,
                  output: StandardStreams(), width: TerminalWidth.current)
    }

    /// A console over any output, as tests build one.
    public init(theme: Theme, errorTheme: Theme, isInteractive: Bool, output: any ConsoleOutput,
                width: @escaping () -> Int) {
        self.theme = theme
        self.errorTheme = errorTheme
        self.isInteractive = isInteractive
        self.output = output
        self.currentWidth = width
    }

    /// The same output with colour decided by `flag` instead.
    func recoloured(_ flag: ColourFlag) -> Console {
        guard flag != .auto else { return self }
        let theme = Theme(colour: flag == .always)
        return Console(theme: theme, errorTheme: theme, isInteractive: isInteractive, output: output,
                       width: currentWidth)
    }

    /// The terminal's width now (it may have been resized), else COLUMNS, else 80.
    public var width: Int { currentWidth() }

    public func print(_ text: String = "") {
        write(text + "\n")
    }

    public func print(lines: [String]) {
        if !lines.isEmpty { write(lines.joined(separator: "\n") + "\n") }
    }

    /// Raw text, unbuffered, so program output interleaves correctly with ours.
    public func write(_ text: String) {
        output.writeOutput(text)
    }

    /// Prose wrapped to the terminal, continuation lines indented by `indent` spaces more.
    public func printWrapped(_ text: String, style: TextStyle = .plain, indent: Int = 0, hanging: Int = 2) {
        let words = TextWrapper.words([StyledRun(text, style)])
        let lines = TextWrapper.wrap(words, width: max(20, width - indent - hanging), theme: theme)
        for (n, line) in lines.enumerated() {
            print(String(repeating: " ", count: indent + (n == 0 ? 0 : hanging)) + line)
        }
    }

    /// "lead  description…": on a terminal the description wraps under itself; piped output keeps
    /// one entry a line, for grep. `leadWidth` is the lead's visible width.
    public func printEntry(_ lead: String, leadWidth: Int, _ runs: [StyledRun]) {
        guard isInteractive else {
            print(lead + runs.map { theme.paint($0.text, $0.style) }.joined())
            return
        }
        let lines = TextWrapper.wrap(TextWrapper.words(runs), width: max(20, width - leadWidth), theme: theme)
        for (n, line) in lines.enumerated() {
            print((n == 0 ? lead : String(repeating: " ", count: leadWidth)) + line)
        }
    }

    /// A problem, on stderr; wrapped to the terminal (continuation lines indented) when it is one.
    public func error(_ text: String) {
        guard isInteractive, !text.contains("\n") else {
            output.writeError(errorTheme.paint(text, .red) + "\n")
            return
        }
        let words = TextWrapper.words([StyledRun(text, .red)])
        let lines = TextWrapper.wrap(words, width: max(20, width - 2), theme: errorTheme)
        output.writeError(lines.enumerated().map { $0.offset == 0 ? $0.element : "  " + $0.element }
            .joined(separator: "\n") + "\n")
    }

    public func note(_ text: String) {
        print(theme.paint(text, .dim))
    }
}

extension TerminalWidth {
    /// The width of the terminal on stdout right now, read at each render (it may have been resized).
    public static func current() -> Int {
        var size = winsize()
        let columns = ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? Int(size.ws_col) : nil
        return resolve(ioctlColumns: columns, environment: ProcessInfo.processInfo.environment)
    }
}
