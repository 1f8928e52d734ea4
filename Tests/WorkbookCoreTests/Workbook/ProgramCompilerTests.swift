import XCTest
@testable import WorkbookCore

/// Compiles real files with the real toolchain against the kit built next to the test bundle.
final class ProgramCompilerTests: XCTestCase {
    private var folder: TemporaryFolder!
    private var compiler: ProgramCompiler!

    override func setUpWithError() throws {
        folder = TemporaryFolder()
        let kit: KitLocation
        do {
            kit = try KitLocation.locate()
        } catch {
            throw XCTSkip("the kit is not built next to the tests (run `swift build` first): \(error)")
        }
        compiler = ProgramCompiler(toolchain: try Toolchain.locate(), kit: kit, cacheDirectory: folder.url.appendingPathComponent("cache"))
    }

    func testCompilesRunsAndCaches() throws {
        let source = folder.write("hello.swift", "import ParLearnKit\nprint(RunRequest().mode.rawValue)\n")
        guard case .compiled(let binary, let cached) = compiler.compile(files: [source]) else { return XCTFail("did not compile") }
        XCTAssertFalse(cached)
        let run = ChildProcess.capture(executable: binary.path, arguments: [], timeout: 10)
        XCTAssertEqual(run.status, .exited(0))
        XCTAssertEqual(String(decoding: run.output, as: UTF8.self), "plain\n")
        guard case .compiled(let again, let hit) = compiler.compile(files: [source]) else { return XCTFail("did not compile") }
        XCTAssertTrue(hit)
        XCTAssertEqual(again, binary)
        folder.write("hello.swift", "import ParLearnKit\nprint(\"changed\")\n")
        guard case .compiled(let changed, let miss) = compiler.compile(files: [source]) else { return XCTFail("did not compile") }
        XCTAssertFalse(miss)
        XCTAssertNotEqual(changed, binary)
    }

    func testCompileErrorPointsIntoTheLearnersFile() {
        let good = folder.write("ok.swift", "import ParLearnKit\nprint(1)\n")
        let bad = folder.write("broken.swift", "import ParLearnKit\n\nlet x: Int = \"text\"\n")
        guard case .failed(let diagnostics, _) = compiler.compile(files: [bad]) else { return XCTFail("compiled") }
        let error = diagnostics.first { $0.severity == .error }
        XCTAssertEqual(error?.file, bad.path)
        XCTAssertEqual(error?.line, 3)
        // One broken file never blocks another.
        guard case .compiled = compiler.compile(files: [good]) else { return XCTFail("the good file did not compile") }
    }

    func testMainFileDiagnosticsKeepTheCheckFilesName() {
        let learner = folder.write("counter.swift", "func bump(_ x: Int) -> Int { x + 1 }\n")
        let check = folder.write("check.swift", "print(bump(1))\nlet oops: String = 3\n")
        guard case .failed(let diagnostics, let output) = compiler.compile(files: [learner], mainFile: check) else { return XCTFail("compiled") }
        XCTAssertEqual(diagnostics.first?.file, check.path, output)
        XCTAssertEqual(diagnostics.first?.line, 2)
        XCTAssertFalse(output.contains("main.swift"), output)
    }

    func testUnreadableAndNonUTF8FilesAreExplained() throws {
        let binary = folder.url.appendingPathComponent("latin1.swift")
        try Data([0x70, 0x72, 0x69, 0x6e, 0x74, 0xe9, 0xff]).write(to: binary)
        guard case .failed(_, let output) = compiler.compile(files: [binary]) else { return XCTFail("compiled") }
        XCTAssertTrue(output.contains("not UTF-8"), output)
        guard case .failed(_, let missing) = compiler.compile(files: [folder.url.appendingPathComponent("gone.swift")]) else { return XCTFail("compiled") }
        XCTAssertTrue(missing.contains("missing"), missing)
    }

    func testMissingToolsSayHowToFixThem() {
        XCTAssertThrowsError(try Toolchain.locate(environment: ["PATH": "/nonexistent"])) { error in
            XCTAssertTrue("\(error)".contains("swiftc was not found on PATH"))
            XCTAssertTrue("\(error)".contains("How to fix"))
        }
        XCTAssertThrowsError(try KitLocation.locate(executable: URL(fileURLWithPath: "/nonexistent/parlearn"), environment: [:])) { error in
            XCTAssertTrue("\(error)".contains("swift build"), "\(error)")
        }
    }
}
