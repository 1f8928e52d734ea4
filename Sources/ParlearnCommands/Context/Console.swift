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

    /// The one place learner-facing text is fitted to the terminal. On a terminal, each line of
    /// `runs` wider than the width wraps, its continuation lines indented `hanging` columns past
    /// its own leading spaces; lines that fit are kept as they are (aligned columns survive).
    /// Piped output keeps every line whole, for grep and scripts. `lead` (painted, `leadWidth`
    /// columns) starts the first line, and every other line is indented under it.
    public func fitted(_ runs: [StyledRun], theme: Theme? = nil, lead: String = "", leadWidth: Int = 0,
                       hanging: Int = 2) -> [String] {
        let theme = theme ?? self.theme
        if isInteractive, leadWidth > 4, width - leadWidth < TerminalWidth.minimum {
            // No room beside the lead (a list on a narrow terminal): the text goes under it instead.
            return [lead] + fitted(runs, theme: theme, lead: "    ", leadWidth: 4, hanging: hanging)
        }
        let under = String(repeating: " ", count: leadWidth)
        return Self.paragraphs(runs).enumerated().flatMap { index, paragraph -> [String] in
            let start = index == 0 ? lead : under
            let whole = start + paragraph.map { theme.paint($0.text, $0.style) }.joined()
            guard isInteractive, DisplayWidth.of(whole) > width else { return [whole] }
            let own = paragraph.first.map { $0.text.prefix { $0 == " " }.count } ?? 0
            let indent = String(repeating: " ", count: own)
            let room = max(TerminalWidth.minimum, width - leadWidth - own - hanging)
            let lines = TextWrapper.wrap(TextWrapper.words(paragraph), width: room, theme: theme)
            return lines.enumerated().map { n, line in
                (n == 0 ? start + indent : under + indent + String(repeating: " ", count: hanging)) + line
            }
        }
    }

    /// `runs` cut into lines at their newlines.
    private static func paragraphs(_ runs: [StyledRun]) -> [[StyledRun]] {
        var paragraphs: [[StyledRun]] = [[]]
        for run in runs {
            for (n, part) in run.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                if n > 0 { paragraphs.append([]) }
                guard !part.isEmpty else { continue }
                let piece = StyledRun(String(part), run.style, unbreakable: run.unbreakable)
                paragraphs[paragraphs.count - 1].append(piece)
            }
        }
        return paragraphs
    }

    /// Text fitted to the terminal (see `fitted`), `indent` spaces in.
    public func printWrapped(_ text: String, style: TextStyle = .plain, indent: Int = 0, hanging: Int = 2) {
        print(lines: fitted([StyledRun(text, style)], lead: String(repeating: " ", count: indent), leadWidth: indent,
                            hanging: hanging))
    }

    /// Plain lines (a report, a chart) fitted to the terminal one by one.
    public func printFitted(lines: [String]) {
        print(lines: lines.flatMap { fitted([StyledRun($0)]) })
    }

    /// "lead  description…": on a terminal the description wraps under itself; piped output keeps
    /// one entry a line, for grep. `leadWidth` is the lead's visible width.
    public func printEntry(_ lead: String, leadWidth: Int, _ runs: [StyledRun]) {
        print(lines: fitted(runs, lead: lead, leadWidth: leadWidth, hanging: 0))
    }

    /// A problem, on stderr, fitted to the terminal.
    public func error(_ text: String) {
        output.writeError(fitted([StyledRun(text, .red)], theme: errorTheme).joined(separator: "\n") + "\n")
    }

    /// An aside (what is happening, what to type next), dimmed and fitted to the terminal.
    public func note(_ text: String) {
        print(lines: fitted([StyledRun(text, .dim)]))
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
