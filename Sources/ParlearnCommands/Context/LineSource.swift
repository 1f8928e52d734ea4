/// Where a command that needs answers from the learner reads them, one line at a time.
///
/// A command never reads stdin itself: in the REPL that would fight the line editor for the
/// terminal, and in a piped session it would swallow the commands that follow. It asks
/// `context.lines` instead, which is the REPL's own reader (prompt, editing, history, Ctrl-C) or,
/// for `parlearn <command>`, plain lines from stdin:
///
/// ```swift
/// while let answer = context.lines.nextLine(prompt: "thread to run next? ") {
///     ...
/// }
/// ```
public protocol LineSource: AnyObject {
    /// Shows `prompt` (when the input is a terminal) and reads one line, without its newline.
    /// nil at the end of input or when Ctrl-C abandons the question.
    func nextLine(prompt: String) -> String?
}

