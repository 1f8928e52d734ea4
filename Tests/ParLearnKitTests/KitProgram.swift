import XCTest

/// Learner-style programs compiled with swiftc against the kit built next to this test bundle.
enum KitProgram {
    /// Compiles `source` once; a skip when the kit library or swiftc is not at hand.
    static func compile(_ source: String, name: String) -> Result<String, XCTSkip> {
        switch build(source, name: name) {
        case .failure(let skip): return .failure(skip)
        case .success(let (path, errors)):
            return errors == nil ? .success(path) : .failure(XCTSkip("could not compile \(name)"))
        }
    }

    /// The compiler's errors for `source`, or nil when it compiles.
    static func errors(compiling source: String, name: String) throws -> String? {
        try build(source, name: name).get().errors
    }

    private static func build(_ source: String, name: String) -> Result<(path: String, errors: String?), XCTSkip> {
        let build = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().path
        let swiftc = ["/opt/swift/usr/bin/swiftc", "/usr/bin/swiftc"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard FileManager.default.fileExists(atPath: build + "/libParLearnKit.so"), let swiftc else {
            return .failure(XCTSkip("no libParLearnKit.so next to the test bundle"))
        }
        let dir = NSTemporaryDirectory() + "parlearn-\(name)-\(getpid())"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try? source.write(toFile: dir + "/\(name).swift", atomically: true, encoding: .utf8)
        let compiler = Process()
        compiler.executableURL = URL(fileURLWithPath: swiftc)
        compiler.arguments = ["-swift-version", "6", "-Onone", "-g", dir + "/\(name).swift", "-I", build + "/Modules",
                              "-L", build, "-lParLearnKit", "-Xlinker", "-rpath", "-Xlinker", build, "-o", dir + "/\(name)"]
        let errors = Pipe()
        compiler.standardOutput = FileHandle.nullDevice
        compiler.standardError = errors
        guard (try? compiler.run()) != nil else { return .failure(XCTSkip("could not start swiftc")) }
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        compiler.waitUntilExit()
        return .success((dir + "/\(name)", compiler.terminationStatus == 0 ? nil : text))
    }

    /// Runs a program to its end; its status (negative: killed by that signal).
    @discardableResult
    static func run(_ path: String, _ arguments: [String], env: [String: String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(env) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationReason == .uncaughtSignal ? -process.terminationStatus : process.terminationStatus
    }

    /// Runs a program to its end and returns what it printed on standard output.
    static func output(of path: String, _ arguments: [String], env: [String: String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(env) { $1 }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
