import Foundation
import XCTest

/// `parlearn run` on a package folder (chapter 06's Hummingbird service is one): built with
/// `swift build` into the workbook's cache, run with its arguments under the same rules as a
/// single file. The package here has no dependencies, so the test never builds Hummingbird.
final class PackageRunTests: XCTestCase {
    private func package(in command: ParlearnCommand) throws -> URL {
        let folder = command.scratch.appendingPathComponent("tool")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("Sources/tool"),
                                                withIntermediateDirectories: true)
        try Data("""
            // swift-tools-version:6.0
            import PackageDescription
            let package = Package(name: "tool", targets: [.executableTarget(name: "tool")])
            """.utf8).write(to: folder.appendingPathComponent("Package.swift"))
        try Data("""
            import Foundation
            print("arguments: \\(CommandLine.arguments.dropFirst().joined(separator: " "))")
            if CommandLine.arguments.contains("hang") {
                let child = Process()
                child.executableURL = URL(fileURLWithPath: "/bin/sleep")
                child.arguments = ["300"]
                try child.run()
                print("child \\(child.processIdentifier)")
                fflush(nil)
                Thread.sleep(forTimeInterval: 300)
            }
            """.utf8).write(to: folder.appendingPathComponent("Sources/tool/main.swift"))
        return folder
    }

    func testAPackageIsBuiltOnceIntoTheCacheAndRunsWithItsArgumentsUnderTheTimeLimit() throws {
        let command = ParlearnCommand()
        let folder = try package(in: command)
        let first = try command.run(["run", folder.path, "--", "a", "b"])
        XCTAssertEqual(first.status, 0, first.all)
        XCTAssertTrue(first.stdout.contains("arguments: a b\n"), first.all)
        XCTAssertTrue(first.all.contains("Compiling tool"), "the build's output is not shown: \(first.all)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent(".build").path),
                       "the build went into the learner's folder, not the cache")
        let builds = try FileManager.default.contentsOfDirectory(
            atPath: ParlearnCommand.sharedCache.appendingPathComponent("packages").path)
        XCTAssertTrue(builds.contains { $0.hasPrefix("tool-") }, "\(builds)")

        let again = try command.run(["run", folder.path])
        XCTAssertEqual(again.status, 0, again.all)
        XCTAssertTrue(again.stdout.contains("arguments: \n"), again.all)
        XCTAssertFalse(again.all.contains("Compiling tool"), "a second run rebuilt the package: \(again.all)")

        let hung = try command.run(["run", "--timeout", "2", folder.path, "--", "hang"])
        XCTAssertEqual(hung.status, 1, hung.all)
        XCTAssertTrue(hung.stdout.contains("stopped after 2 s"), hung.all)
        let child = try XCTUnwrap(hung.stdout.firstMatch(of: /child (\d+)/).flatMap { Int32($0.1) }, hung.all)
        let state = (try? String(contentsOfFile: "/proc/\(child)/stat", encoding: .utf8))?.split(separator: " ")[2]
        XCTAssertTrue(state == nil || state == "Z", "the program's child \(child) outlived it (state \(state ?? "-"))")
    }

    func testAPackageWithoutAProgramAndCommandsOtherThanRunAreRefused() throws {
        let command = ParlearnCommand()
        let folder = try package(in: command)
        let show = try command.run(["show", folder.path])
        XCTAssertEqual(show.status, 2)
        XCTAssertTrue(show.stderr.contains(
            "is a Swift package: `run` builds and runs it; show works on single .swift programs"),
                      show.all)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("Sources/tool/main.swift"))
        let empty = try command.run(["run", folder.path])
        XCTAssertEqual(empty.status, 2, empty.all)
        XCTAssertTrue(empty.all.contains("has no executable target (no Sources/NAME/main.swift)"), empty.all)
    }
}
