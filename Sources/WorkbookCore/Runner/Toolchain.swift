import Foundation
import ParLearnKit

/// Where things the runner needs live, and what to tell the learner when one is missing.
public struct SetupProblem: Error, Equatable, Sendable, CustomStringConvertible {
    public var what: String
    public var fix: String
    public var description: String { "\(what)\nHow to fix: \(fix)" }
}

/// The Swift compiler used for learner programs.
public struct Toolchain: Sendable, Equatable {
    public var swiftc: URL
    /// The first line of `swiftc --version`, part of every cache key.
    public var version: String

    /// Finds `swiftc` on `PATH` (or `SWIFTC` when set) and reads its version. `swiftc --version`
    /// takes a few hundred milliseconds, so the answer is remembered in `cache`, keyed by the
    /// compiler binary's path, size and date.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment,
                              cache: URL? = nil) throws(SetupProblem) -> Toolchain {
        let candidates: [String]
        if let explicit = environment["SWIFTC"], !explicit.isEmpty {
            candidates = [explicit]
        } else {
            candidates = (environment["PATH"] ?? "").split(separator: ":").map { "\($0)/swiftc" }
        }
        guard let path = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw SetupProblem(
                what: "swiftc was not found on PATH, so parlearn cannot compile programs.",
                fix: "install the Swift 6.3 toolchain and put its usr/bin on PATH, e.g. export PATH=/opt/swift/usr/bin:$PATH")
        }
        let url = URL(fileURLWithPath: path)
        let real = url.resolvingSymlinksInPath()
        var hasher = StableHasher()
        hasher.combine(real.path)
        hasher.combine(KitLocation.stamp(of: [real]))
        let remembered = cache?.appendingPathComponent("toolchain-\(hasher.hexDigest)")
        if let remembered, let version = try? String(contentsOf: remembered, encoding: .utf8), version.contains("Swift version") {
            return Toolchain(swiftc: url, version: version)
        }
        let version = try readVersion(of: url)
        if let remembered {
            try? FileManager.default.createDirectory(at: remembered.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? AtomicFile.write(Data(version.utf8), to: remembered.path)
        }
        return Toolchain(swiftc: url, version: version)
    }

    private static func readVersion(of swiftc: URL) throws(SetupProblem) -> String {
        let result = ChildProcess.capture(executable: swiftc.path, arguments: ["--version"], timeout: 20)
        guard case .exited(0) = result.status,
              let line = String(decoding: result.output, as: UTF8.self).split(separator: "\n").first(where: { $0.contains("Swift version") }) else {
            throw SetupProblem(what: "\(swiftc.path) --version failed; the toolchain looks broken.",
                               fix: "reinstall the Swift toolchain, or point SWIFTC at a working swiftc")
        }
        return String(line)
    }
}

/// The built ParLearnKit that learner programs compile and link against.
public struct KitLocation: Sendable, Equatable {
    /// Holds libParLearnKit.so.
    public var libraryDirectory: URL
    /// Holds ParLearnKit.swiftmodule.
    public var moduleDirectory: URL
    /// Changes whenever the kit is rebuilt; part of every cache key.
    public var stamp: String

    static let libraryName = "libParLearnKit.so"

    /// Looks next to the running executable (the `swift build` products folder), then in
    /// `PARLEARN_KIT_DIR`, so it works from `swift run`, the built binary and any working directory.
    public static func locate(
        executable: URL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath(),
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(SetupProblem) -> KitLocation {
        var dirs = [executable.deletingLastPathComponent()]
        if let explicit = environment["PARLEARN_KIT_DIR"], !explicit.isEmpty {
            dirs.insert(URL(fileURLWithPath: explicit), at: 0)
        }
        let fm = FileManager.default
        for dir in dirs {
            let lib = dir.appendingPathComponent(libraryName)
            let module = dir.appendingPathComponent("Modules/ParLearnKit.swiftmodule")
            guard fm.fileExists(atPath: lib.path), fm.fileExists(atPath: module.path) else { continue }
            return KitLocation(libraryDirectory: dir, moduleDirectory: module.deletingLastPathComponent(),
                               stamp: stamp(of: [lib, module]))
        }
        throw SetupProblem(
            what: "the ParLearnKit library is not built (looked for \(libraryName) and Modules/ParLearnKit.swiftmodule in \(dirs.map(\.path).joined(separator: ", "))).",
            fix: "run `swift build` in the parlearn folder (it builds the kit with the REPL), or set PARLEARN_KIT_DIR to the folder holding \(libraryName)")
    }

    /// Builds the kit next to `executable` when that is a SwiftPM build of parlearn, as after
    /// `swift run parlearn`, which builds only the executable. Returns the build's output on failure.
    public static func buildNextTo(
        executable: URL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath(),
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String? {
        let configDir = executable.deletingLastPathComponent()
        let configuration = configDir.lastPathComponent
        guard configuration == "debug" || configuration == "release" else { return "\(configDir.path) is not a SwiftPM build folder" }
        var scratch = configDir.deletingLastPathComponent()
        if scratch.lastPathComponent.contains("-linux") || scratch.lastPathComponent.contains("-apple-") {
            scratch = scratch.deletingLastPathComponent()
        }
        let root = scratch.deletingLastPathComponent()
        guard FileManager.default.fileExists(atPath: root.appendingPathComponent("Package.swift").path) else {
            return "no Package.swift above \(configDir.path)"
        }
        guard let swift = (environment["PATH"] ?? "").split(separator: ":").map({ "\($0)/swift" })
            .first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return "swift is not on PATH" }
        let result = ChildProcess.capture(
            executable: swift,
            arguments: ["build", "--product", "ParLearnKit", "-c", configuration, "--package-path", root.path, "--scratch-path", scratch.path],
            timeout: 900)
        return result.status.succeeded ? nil : String(decoding: result.output, as: UTF8.self)
    }

    static func stamp(of files: [URL]) -> String {
        files.map { url -> String in
            let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
            let size = (attributes?[.size] as? NSNumber)?.int64Value ?? 0
            let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            return "\(size)@\(modified)"
        }.joined(separator: ",")
    }
}
