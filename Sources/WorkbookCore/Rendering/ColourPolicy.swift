import Foundation

/// The `--color` command-line flag.
public enum ColourFlag: String, Sendable, CaseIterable {
    case auto, always, never
}

/// Decides whether to emit colour from facts the caller gathers (flag, environment, isatty),
/// so the decision itself is a pure, testable function.
///
/// Precedence: the flag, then `NO_COLOR` (present and non-empty, whatever its value, means off;
/// see no-color.org), then `FORCE_COLOR` / `CLICOLOR_FORCE` (colour even into a pipe, unless set
/// to `0`), then `TERM=dumb` (off), then whether the stream is a terminal.
/// Decide separately for stdout and stderr: each has its own `isTTY`.
public enum ColourPolicy {
    public static func resolve(flag: ColourFlag = .auto, environment: [String: String], isTTY: Bool) -> Bool {
        switch flag {
        case .always: return true
        case .never: return false
        case .auto: break
        }
        if let noColour = environment["NO_COLOR"], !noColour.isEmpty { return false }
        for name in ["FORCE_COLOR", "CLICOLOR_FORCE"] {
            if let value = environment[name], !value.isEmpty { return value != "0" }
        }
        if environment["TERM"] == "dumb" { return false }
        return isTTY
    }
}

/// The width to render for, and the narrower measure used for prose.
public enum TerminalWidth {
    public static let fallback = 80
    /// Prose wider than this is hard to read, however wide the terminal.
    public static let proseCap = 100
    /// Below this nothing lays out sensibly, so narrower terminals are treated as this wide.
    public static let minimum = 20

    /// The terminal's columns from `ioctl(TIOCGWINSZ)` when known and non-zero, else `$COLUMNS`, else 80.
    public static func resolve(ioctlColumns: Int?, environment: [String: String]) -> Int {
        if let columns = ioctlColumns, columns > 0 { return max(columns, minimum) }
        if let text = environment["COLUMNS"], let columns = Int(text.trimmingCharacters(in: .whitespaces)), columns > 0 {
            return max(columns, minimum)
        }
        return fallback
    }

    /// The width paragraphs wrap to on a terminal `width` columns wide.
    public static func prose(_ width: Int) -> Int { min(width, proseCap) }
}
