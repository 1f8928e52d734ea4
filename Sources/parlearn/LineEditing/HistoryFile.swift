import CLineEdit
import Foundation

/// Where the REPL keeps its history, and how it is read and written.
///
/// The file is libedit's own format (`_HiStOrY_V2_`, then one vis(3)-encoded entry a line). It is
/// rewritten after every entered line through a temporary file and a rename, so a crash or a
/// second REPL never leaves half a file.
struct HistoryFile {
    /// nil: history is kept for this session only.
    private(set) var path: String?

    /// `PARLEARN_HISTFILE` if set (empty disables history); else
    /// `$XDG_STATE_HOME/parlearn/history`, or `~/.local/state/parlearn/history` without it;
    /// `~/.parlearn_history` when that folder cannot be created; nil without a home. A path that
    /// is not a regular file, such as `/dev/null`, turns history off when it is loaded.
    static func defaultPath(
        environment: [String: String], fileManager: FileManager = .default
    ) -> String? {
        if let explicit = environment["PARLEARN_HISTFILE"] {
            return explicit.isEmpty ? nil : explicit
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 }
        let stateHome: String? =
            if let xdg = environment["XDG_STATE_HOME"], xdg.hasPrefix("/") { xdg }  // spec: relative is invalid
            else { home.map { "\($0)/.local/state" } }
        if let stateHome {
            let folder = "\(stateHome)/parlearn"
            if (try? fileManager.createDirectory(
                atPath: folder, withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])) != nil
            {
                return "\(folder)/history"
            }
        }
        return home.map { "\($0)/.parlearn_history" }
    }

    /// Loads the file into `history`. A missing file is an empty history. A file libedit cannot
    /// read is moved aside to `<path>.corrupt` (so nothing is lost and the next save does not
    /// overwrite it); if even that fails, saving is turned off. The returned message says which.
    mutating func load(into history: OpaquePointer) -> String? {
        guard let path else { return nil }
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }  // no file yet
        guard status.st_mode & S_IFMT == S_IFREG else {
            // PARLEARN_HISTFILE=/dev/null (or a folder): never move or rename over it.
            self.path = nil
            return nil
        }
        if pl_history_load(history, path) >= 0 { return nil }
        let aside = path + ".corrupt"
        try? FileManager.default.removeItem(atPath: aside)
        guard rename(path, aside) == 0 else {
            self.path = nil
            return "parlearn: cannot read the history file \(path); history is off for this session"
        }
        return "parlearn: the history file \(path) was unreadable; moved it to \(aside) and started afresh"
    }

    /// Writes `history` atomically. Returns false if it could not (the REPL carries on regardless).
    @discardableResult
    func save(_ history: OpaquePointer) -> Bool {
        guard let path else { return true }
        // libedit's H_SAVE only writes to a path: write a sibling temp file, then rename over.
        let temporary = "\(path).tmp.\(getpid())"
        guard pl_history_save(history, temporary) >= 0, rename(temporary, path) == 0 else {
            unlink(temporary)
            return false
        }
        return true
    }
}
