import Foundation
import XCTest

/// Runs the built `parlearn` binary as a learner or a CI job would, with its own cache and
/// state so tests never touch the user's.
struct ParlearnCommand {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var all: String { stdout + stderr }
    }

    let scratch: URL
    var environment: [String: String]
    /// Where relative paths resolve (the scratch folder unless set).
    var workingDirectory: URL

    init(extra: [String: String] = [:]) {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("parlearn-cli-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        var env = ProcessInfo.processInfo.environment
        env["PARLEARN_CACHE_DIR"] = Self.sharedCache.path
        env["PARLEARN_STATE_DIR"] = scratch.appendingPathComponent("state").path
        env["PARLEARN_HISTFILE"] = ""
        env["NO_COLOR"] = "1"
        env.merge(extra) { $1 }
        environment = env
        workingDirectory = scratch
    }

    /// One compile cache for the whole test run: binaries are keyed by content, so sharing is safe.
    static let sharedCache = FileManager.default.temporaryDirectory.appendingPathComponent("parlearn-test-cache-\(getpid())")

    /// The checkout's root, from this file's path.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Runs `parlearn arguments…` with `input` as its stdin (empty: /dev/null).
    /// `merged`: stderr goes to stdout's file, so `stdout` holds both in the order they were written.
    func run(_ arguments: [String], input: String = "", timeout: TimeInterval = 600, merged: Bool = false) throws
        -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try REPLFixture.parlearnBinary())
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = workingDirectory
        let out = scratch.appendingPathComponent("stdout-\(UUID().uuidString)")
        let err = scratch.appendingPathComponent("stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = merged ? process.standardOutput : try FileHandle(forWritingTo: err)
        if input.isEmpty {
            process.standardInput = FileHandle.nullDevice
        } else {
            let stdin = scratch.appendingPathComponent("stdin-\(UUID().uuidString)")
            try Data(input.utf8).write(to: stdin)
            process.standardInput = try FileHandle(forReadingFrom: stdin)
        }
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(50_000) }
        if process.isRunning {
            process.terminate()
            XCTFail("parlearn \(arguments.joined(separator: " ")) did not finish in \(Int(timeout)) s")
        }
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
                      stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }
}
