import Foundation

/// The folders parlearn reads content from and keeps its state in.
public struct WorkbookPaths: Sendable, Equatable {
    public var chapters: URL
    public var exercises: URL
    /// Progress and the backups `reset` makes live here (the REPL history has its own place).
    public var state: URL
    /// Compiled programs, keyed by content.
    public var cache: URL

    public init(chapters: URL, exercises: URL, state: URL, cache: URL) {
        self.chapters = chapters
        self.exercises = exercises
        self.state = state
        self.cache = cache
    }

    /// Content comes from `PARLEARN_CHAPTERS` / `PARLEARN_EXERCISES`, else from the parlearn
    /// checkout that holds the running binary, else from the working directory or its parents.
    public static func resolve(
        environment env: [String: String] = ProcessInfo.processInfo.environment,
        executable: URL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath(),
        workingDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    ) -> WorkbookPaths {
        let root = [executable.deletingLastPathComponent(), workingDirectory].lazy.compactMap(findCheckout).first
            ?? workingDirectory
        func dir(_ key: String, _ fallback: URL) -> URL {
            env[key].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) } ?? fallback
        }
        let home = URL(fileURLWithPath: env["HOME"] ?? NSTemporaryDirectory())
        let stateBase = dir("XDG_STATE_HOME", home.appendingPathComponent(".local/state"))
        return WorkbookPaths(
            chapters: dir("PARLEARN_CHAPTERS", root.appendingPathComponent("chapters")),
            exercises: dir("PARLEARN_EXERCISES", root.appendingPathComponent("exercises")),
            state: dir("PARLEARN_STATE_DIR", stateBase.appendingPathComponent("parlearn")),
            cache: ProgramCompiler.defaultCacheDirectory(environment: env))
    }

    /// The nearest folder at or above `start` that holds both `Package.swift` and `chapters/`.
    static func findCheckout(from start: URL) -> URL? {
        var dir = start.standardizedFileURL
        let fm = FileManager.default
        for _ in 0..<8 {
            if fm.fileExists(atPath: dir.appendingPathComponent("Package.swift").path),
               fm.fileExists(atPath: dir.appendingPathComponent("chapters").path) {
                return dir
            }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { return nil }
            dir = parent
        }
        return nil
    }
}

/// Why parlearn cannot write one of its folders, in the operating system's words.
public enum FolderProblem {
    /// "Not a directory", "Permission denied": not Foundation's error number.
    public static func reason(_ error: Error) -> String {
        var nsError = error as NSError
        while let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError { nsError = underlying }
        if nsError.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(nsError.code))) }
        return nsError.localizedDescription
    }

    /// Why `folder` could not be created: the nearest existing ancestor is a file or cannot be
    /// written, else what the error says.
    public static func reason(creating folder: URL, error: Error) -> String {
        var ancestor = folder.deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: ancestor.path) && ancestor.path != "/" {
            ancestor.deleteLastPathComponent()
        }
        var isDirectory: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: ancestor.path, isDirectory: &isDirectory)
        if !isDirectory.boolValue { return "\(ancestor.path) is not a directory" }
        if access(ancestor.path, W_OK) != 0 { return "\(ancestor.path): \(String(cString: strerror(errno)))" }
        return reason(error)
    }

    /// Creates `folder` (and its parents); nil on success, else the reason it cannot be.
    public static func create(_ folder: URL) -> String? {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            return nil
        } catch {
            return reason(creating: folder, error: error)
        }
    }
}
