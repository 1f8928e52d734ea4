import Foundation
import ParLearnKit

/// One compiler message, located in the learner's own file.
public struct Diagnostic: Sendable, Equatable {
    public enum Severity: String, Sendable { case error, warning, note }
    public var file: String
    public var line: Int
    public var column: Int
    public var severity: Severity
    public var message: String

    /// "counter.swift:12:5: error: cannot find 'x' in scope"
    public var located: String { "\(file):\(line):\(column): \(severity.rawValue): \(message)" }
}

/// The result of compiling one program.
public enum CompileResult: Sendable {
    case compiled(binary: URL, cached: Bool)
    /// The compiler rejected the code; `output` is its full text with paths mapped back.
    case failed(diagnostics: [Diagnostic], output: String)
}

/// Compiles one program at a time with `swiftc` against ParLearnKit, caching binaries by a hash
/// of the sources, the toolchain version and the kit build.
public struct ProgramCompiler: Sendable {
    public var toolchain: Toolchain
    public var kit: KitLocation
    public var cacheDirectory: URL
    /// A compile that takes longer than this is stopped (seconds).
    public var timeout: Double = 120

    public init(toolchain: Toolchain, kit: KitLocation, cacheDirectory: URL) {
        self.toolchain = toolchain
        self.kit = kit
        self.cacheDirectory = cacheDirectory
    }

    /// The default cache: `PARLEARN_CACHE_DIR`, else `$XDG_CACHE_HOME/parlearn`, else `~/.cache/parlearn`.
    public static func defaultCacheDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let dir = environment["PARLEARN_CACHE_DIR"], !dir.isEmpty { return URL(fileURLWithPath: dir) }
        let base = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? "\(environment["HOME"] ?? NSTemporaryDirectory())/.cache"
        return URL(fileURLWithPath: base).appendingPathComponent("parlearn")
    }

    /// Compiles `files`. When `mainFile` is given it is compiled as the program's `main.swift`
    /// (exercise checks); otherwise `files` must be one file with top-level code.
    /// `threadSanitizer` builds with `-sanitize=thread`, cached apart from the plain build.
    public func compile(files: [URL], mainFile: URL? = nil, threadSanitizer: Bool = false) -> CompileResult {
        let all = files + (mainFile.map { [$0] } ?? [])
        var contents: [Data] = []
        for url in all {
            guard let data = FileManager.default.contents(atPath: url.path) else {
                return .failed(diagnostics: [], output: "cannot read \(url.path): the file is missing or unreadable")
            }
            guard String(data: data, encoding: .utf8) != nil else {
                return .failed(diagnostics: [], output: "\(url.lastPathComponent) is not UTF-8 text; save it as UTF-8")
            }
            contents.append(data)
        }
        var hasher = StableHasher()
        hasher.combine(toolchain.version)
        hasher.combine(kit.stamp)
        if threadSanitizer { hasher.combine("-sanitize=thread") }
        for (url, data) in zip(all, contents) {
            hasher.combine(url == mainFile ? "main:\(url.lastPathComponent)" : url.lastPathComponent)
            hasher.combine(data)
        }
        let key = hasher.hexDigest
        let entry = cacheDirectory.appendingPathComponent("build/\(key)")
        let binary = entry.appendingPathComponent("program")
        if FileManager.default.isExecutableFile(atPath: binary.path) { return .compiled(binary: binary, cached: true) }
        return build(files: files, mainFile: mainFile, threadSanitizer: threadSanitizer, entry: entry, binary: binary)
    }

    private func build(files: [URL], mainFile: URL?, threadSanitizer: Bool, entry: URL, binary: URL) -> CompileResult {
        let fm = FileManager.default
        let work = entry.appendingPathComponent("work-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        do {
            try fm.createDirectory(at: work, withIntermediateDirectories: true)
        } catch {
            return .failed(diagnostics: [], output: "cannot create the build cache at \(entry.path): \(error.localizedDescription)")
        }
        defer { try? fm.removeItem(at: work) }
        var sources = files.map(\.path)
        var renames: [String: String] = [:]
        if let mainFile {
            // swiftc takes top-level code only from a file named main.swift.
            let main = work.appendingPathComponent("main.swift")
            try? fm.createSymbolicLink(at: main, withDestinationURL: mainFile)
            sources.append(main.path)
            renames[main.path] = mainFile.path
        }
        let output = work.appendingPathComponent("program")
        let arguments = [
            "-swift-version", "6", "-Onone", "-g", "-module-name", "LearnerProgram",
            // One `file:line:col: severity:` line per diagnostic, notes included: the notes of a
            // Sendable or isolation error say why, and exercises where the compiler is the checker need them.
            "-diagnostic-style", "llvm",
            "-I", kit.moduleDirectory.path, "-L", kit.libraryDirectory.path, "-lParLearnKit",
            "-Xlinker", "-rpath", "-Xlinker", kit.libraryDirectory.path,
            "-o", output.path,
        ] + (threadSanitizer ? ["-sanitize=thread"] : []) + sources
        let result = ChildProcess.capture(executable: toolchain.swiftc.path, arguments: arguments, timeout: timeout)
        var text = String(decoding: result.output, as: UTF8.self)
        for (from, to) in renames { text = text.replacingOccurrences(of: from, with: to) }
        guard case .exited(0) = result.status else {
            if case .timedOut = result.status { text += "\nswiftc \(result.status.summary)" }
            return .failed(diagnostics: Self.parseDiagnostics(text), output: text)
        }
        if let mainFile {
            // Reports of this binary name the check file "main.swift"; this records its real name.
            try? AtomicFile.write(Data(mainFile.lastPathComponent.utf8), to: entry.appendingPathComponent(Self.mainNameFile).path)
        }
        // Publish atomically: a concurrent or interrupted build never leaves half a binary. A link
        // never replaces the binary a concurrent build published first: a program running from it
        // would lose its file, and its crash backtrace the symbols that name the learner's line.
        let published = link(output.path, binary.path) == 0 || errno == EEXIST
            || rename(output.path, binary.path) == 0
        guard published || fm.isExecutableFile(atPath: binary.path) else {
            return .failed(diagnostics: [], output: "cannot store the compiled program in \(entry.path)")
        }
        return .compiled(binary: binary, cached: false)
    }

    /// Beside a binary built with a main file: that file's real name.
    static let mainNameFile = "main-file-name"

    /// The real name of the file compiled as `main.swift` into `binary`, if any.
    public static func mainFileName(of binary: URL) -> String? {
        try? String(contentsOf: binary.deletingLastPathComponent().appendingPathComponent(mainNameFile), encoding: .utf8)
    }

    static var diagnosticLine: Regex<(Substring, Substring, Substring, Substring, Substring, Substring)> {
        /^(.+?):(\d+):(\d+): (error|warning|note): (.*)$/
    }

    /// Extracts `file:line:col: severity: message` lines from compiler output.
    public static func parseDiagnostics(_ text: String) -> [Diagnostic] {
        text.split(separator: "\n").compactMap { line in
            guard let m = line.wholeMatch(of: diagnosticLine), let l = Int(m.2), let c = Int(m.3),
                  let severity = Diagnostic.Severity(rawValue: String(m.4)) else { return nil }
            return Diagnostic(file: String(m.1), line: l, column: c, severity: severity, message: String(m.5))
        }
    }
}

/// FNV-1a over everything combined: stable across runs and machines, unlike `Hasher`.
/// A cache key needs no cryptographic strength.
struct StableHasher {
    private var a: UInt64 = 0xcbf2_9ce4_8422_2325
    private var b: UInt64 = 0x8422_2325_cbf2_9ce4

    mutating func combine(_ string: String) { combine(Data(string.utf8)) }

    mutating func combine(_ data: Data) {
        for byte in data { mix(byte) }
        // A separator so ("ab","c") and ("a","bc") differ.
        mix(0xff)
        mix(UInt8(truncatingIfNeeded: data.count))
    }

    private mutating func mix(_ byte: UInt8) {
        a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        b = (b ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 &+ 0x9e37
    }

    var hexDigest: String { String(format: "%016llx%016llx", a, b) }
}
