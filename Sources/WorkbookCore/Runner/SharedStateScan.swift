import Foundation

/// Decides how many parallel schedule streams a program may use.
///
/// The thread engine's streams run in one process, so they share the program's globals: a
/// `nonisolated(unsafe) static var apiKey` written by one stream's execution would be seen by
/// another's, giving failures no schedule explains. Sources that may declare globals get one
/// stream; the others get one per core. The scan is textual and errs towards one stream.
public enum SharedStateScan {
    public static func mayShareGlobals(_ source: String) -> Bool {
        if source.contains("nonisolated(unsafe)") || source.contains("static var") { return true }
        // A declaration at column 0 outside a type is a global (or top-level) variable.
        return source.split(separator: "\n").contains { $0.hasPrefix("let ") || $0.hasPrefix("var ") }
    }

    /// Streams for a program made of `files`; unreadable files count as sharing.
    public static func streams(for files: [URL], cores: Int = ProcessInfo.processInfo.activeProcessorCount) -> Int {
        let shares = files.contains { url in
            (try? String(contentsOf: url, encoding: .utf8)).map(mayShareGlobals) ?? true
        }
        return shares ? 1 : max(1, cores)
    }
}
