import CLibEdit
import CLineEdit
import Foundation
import ParlearnCommands
import WorkbookCore

/// Line editing on libedit's native API: emacs keys, Up/Down history saved to a file, TAB
/// completion, coloured prompts, Ctrl-C that clears the line, and UTF-8 input.
///
/// libedit's C callbacks cannot capture context; they find this object again through
/// `EL_CLIENTDATA`. One instance per process (it owns the terminal).
final class EditLineReader: LineReader {
    private let editLine: OpaquePointer  // EditLine *
    private let history: OpaquePointer  // History *
    private var historyFile: HistoryFile
    private let completion: CompletionProvider
    /// The prompt libedit shows; it reads the pointer during el_gets, so this object owns it.
    private var promptBuffer: UnsafeMutablePointer<CChar>

    /// Libedit marks invisible prompt runs (colour codes) with this byte, for `EL_PROMPT_ESC`.
    private static let invisibleDelimiter: CChar = 1

    /// nil when libedit cannot edit this terminal; use `PlainLineReader` then.
    /// Call `SigintWatch.install()` first, or Ctrl-C at the prompt ends the process.
    init?(programName: String, history historyFile: HistoryFile, completion: @escaping CompletionProvider) {
        Self.selectUTF8Locale()
        guard let editLine = pl_el_init(programName) else { return nil }
        guard pl_el_get_editmode(editLine) == 1, let history = pl_history_init(1000, 1) else {
            el_end(editLine)
            return nil
        }
        self.editLine = editLine
        self.history = history
        self.historyFile = historyFile
        self.completion = completion
        self.promptBuffer = strdup("")

        pl_el_set_editor(editLine, "emacs")
        // libedit then restores the terminal on Ctrl-C and re-raises it to our flag handler,
        // and follows window resizes.
        pl_el_set_signal(editLine, 1)
        pl_el_set_hist(editLine, history)
        pl_el_set_clientdata(editLine, Unmanaged.passUnretained(self).toOpaque())
        pl_el_set_prompt_esc(editLine, { EditLineReader.instance(of: $0).promptBuffer }, Self.invisibleDelimiter)
        _ = el_source(editLine, nil)  // the user's ~/.editrc may change keys, but not TAB:
        pl_el_addfn(editLine, "parlearn-complete", "Complete the word before the cursor") { editLine, _ in
            EditLineReader.instance(of: editLine).complete()
        }
        pl_el_bind(editLine, "^I", "parlearn-complete")

        if let problem = self.historyFile.load(into: history) {
            FileHandle.standardError.write(Data((problem + "\n").utf8))
        }
    }

    deinit {
        el_end(editLine)
        history_end(history)
        free(promptBuffer)
    }

    func readLine(prompt: String) -> LineInput {
        free(promptBuffer)
        promptBuffer = strdup(Self.markingInvisibleRuns(prompt))
        while true {
            var count: Int32 = 0
            guard let raw = el_gets(editLine, &count) else {
                if count == -1 && errno == EINTR {
                    // Another signal (not Ctrl-C) cut the read short: just ask again.
                    guard SigintWatch.take() else { continue }
                    print("^C")
                    return .interrupted
                }
                print("")  // Ctrl-D leaves the cursor after the prompt
                return .endOfInput
            }
            var line = String(decoding: UnsafeRawBufferPointer(start: raw, count: Int(count)), as: UTF8.self)
            if line.hasSuffix("\n") { line.removeLast() }
            if !line.allSatisfy(\.isWhitespace) {
                pl_history_enter(history, line)
                historyFile.save(history)
            }
            return .line(line)
        }
    }

    private static func instance(of editLine: OpaquePointer?) -> EditLineReader {
        Unmanaged<EditLineReader>.fromOpaque(pl_el_get_clientdata(editLine!)!).takeUnretainedValue()
    }

    /// libedit decodes multibyte input only in a UTF-8 LC_CTYPE, and Swift never calls setlocale:
    /// without this it silently drops every non-ASCII character.
    private static func selectUTF8Locale() {
        setlocale(LC_CTYPE, "")
        if String(cString: nl_langinfo(nl_item(CODESET))) != "UTF-8" {
            setlocale(LC_CTYPE, "C.UTF-8")
        }
    }

    /// Encloses each ANSI escape sequence of `prompt` in the invisible-run delimiter, so that
    /// libedit counts only the visible characters and puts the cursor in the right column.
    static func markingInvisibleRuns(_ prompt: String) -> String {
        let delimiter = Character(Unicode.Scalar(UInt8(invisibleDelimiter)))
        var marked = ""
        var inEscape = false
        for scalar in prompt.unicodeScalars {
            if scalar == "\u{1B}" && !inEscape {
                marked.append(delimiter)
                inEscape = true
            }
            marked.unicodeScalars.append(scalar)
            // A CSI sequence (ESC [ ... final byte) ends with a byte in @...~.
            if inEscape && scalar != "\u{1B}" && scalar != "[" && ("@"..."~").contains(scalar) {
                marked.append(delimiter)
                inEscape = false
            }
        }
        if inEscape { marked.append(delimiter) }
        return marked
    }

    /// TAB: asks the provider, then inserts and lists as `Completion` decides. Returns a CC_ code.
    private func complete() -> UInt8 {
        guard let info = el_line(editLine)?.pointee, let buffer = info.buffer, let cursor = info.cursor else {
            return UInt8(CC_ERROR)
        }
        let upToCursor = String(
            decoding: UnsafeRawBufferPointer(start: buffer, count: cursor - buffer), as: UTF8.self)
        let word = Completion.word(before: upToCursor)
        guard let result = Completion(word: word, candidates: completion(upToCursor)) else {
            return UInt8(CC_ERROR)  // beeps
        }
        if !result.insertion.isEmpty {
            el_insertstr(editLine, result.insertion)
        }
        guard !result.listing.isEmpty else { return UInt8(CC_REFRESH) }
        // Our output and libedit's share the C stdout stream; flush so the listing lands before
        // libedit redraws the prompt and line below it.
        let rows = Completion.columns(result.listing, width: TerminalWidth.current())
        print("\n" + rows.joined(separator: "\n"))
        fflush(nil)
        return UInt8(CC_REDISPLAY)
    }
}
