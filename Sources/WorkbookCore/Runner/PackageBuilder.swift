import Foundation

/// Builds a program that is a Swift package (a folder with a `Package.swift`, such as chapter
/// 06's Hummingbird service) with `swift build`, into the workbook's cache: one build folder per
/// package folder, so only the first build of its dependencies is slow. The build is a child
/// process under the same rules as a program: a time limit, Ctrl-C, nothing left running.
public struct PackageBuilder: Sendable {
    public var toolchain: Toolchain
    public var cacheDirectory: URL
    /// A build that takes longer than this is stopped (seconds): a first build with Hummingbird
    /// takes minutes, far more on a loaded machine.
    public var timeout: Double = 3600

    public init(toolchain: Toolchain, cacheDirectory: URL) {
        self.toolchain = toolchain
        self.cacheDirectory = cacheDirectory
    }

    /// The executable target `run` builds: the one named after the folder (`service/` builds
    /// `service`), else the package's only target with a `main.swift`.
    public static func executable(in folder: URL) -> Result<String, PackageProblem> {
        let sources = folder.appendingPathComponent("Sources")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: sources.path)) ?? []).sorted().filter {
            FileManager.default.fileExists(atPath: sources.appendingPathComponent("\($0)/main.swift").path)
        }
        if names.contains(folder.lastPathComponent) { return .success(folder.lastPathComponent) }
        if names.count == 1 { return .success(names[0]) }
        return .failure(PackageProblem(description: names.isEmpty
            ? "\(folder.path) has no executable target (no Sources/NAME/main.swift)"
            : "\(folder.path) has several executables (\(names.joined(separator: ", "))) "
                + "and none is named after the folder"))
    }

    /// The build folder of `folder`'s package in the cache.
    public func scratchPath(for folder: URL) -> URL {
        var hasher = StableHasher()
        hasher.combine(folder.standardizedFileURL.path)
        hasher.combine(toolchain.version)
        let name = "\(folder.lastPathComponent)-\(hasher.hexDigest.prefix(16))"
        return cacheDirectory.appendingPathComponent("packages/\(name)")
    }

    /// Builds the package's executable, streaming the build's output through `onEvent`.
    public func build(_ folder: URL, interruptRequested: () -> Bool = { false },
                      onEvent: (ChildProcess.Event) -> Void) -> CompileResult {
        let name: String
        switch Self.executable(in: folder) {
        case .success(let found): name = found
        case .failure(let problem): return .failed(diagnostics: [], output: problem.description)
        }
        let scratch = scratchPath(for: folder)
        let binary = scratch.appendingPathComponent("debug/\(name)")
        let wasBuilt = FileManager.default.isExecutableFile(atPath: binary.path)
        let swiftBuild = toolchain.swiftc.deletingLastPathComponent().appendingPathComponent("swift-build")
        let child = ChildProcess(
            executable: swiftBuild.path,
            arguments: ["--package-path", folder.path, "--scratch-path", scratch.path, "--product", name],
            timeout: timeout)
        var output = Data()
        let status = child.run(interruptRequested: interruptRequested) { event in
            if case .output(let data) = event { output.append(data) }
            onEvent(event)
        }
        guard status.succeeded, FileManager.default.isExecutableFile(atPath: binary.path) else {
            let text = String(decoding: output, as: UTF8.self)
            return .failed(diagnostics: ProgramCompiler.parseDiagnostics(text),
                           output: "swift build \(status.summary) (its output is above)")
        }
        return .compiled(binary: binary, cached: wasBuilt)
    }
}

/// Why a folder cannot be run as a package program.
public struct PackageProblem: Error, Sendable, CustomStringConvertible {
    public var description: String
}
