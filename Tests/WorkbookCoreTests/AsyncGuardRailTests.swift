import XCTest
import ParLearnKit
@testable import WorkbookCore

final class AsyncGuardRailTests: XCTestCase {
    private func constructs(_ source: String) -> [String] {
        AsyncGuardRails.scan(source: source, fileName: "f.swift").map(\.construct)
    }

    func testFindsEachEscapeWithItsLine() {
        let source = """
        import ParLearnKit
        scenario("s") {
            Task { await work() }
            Task.detached { }
            try? await Task.sleep(for: .seconds(1))
            await MainActor.run { }
            DispatchQueue.global().async { }
            let t = Thread { }
            pthread_create(nil, nil, nil, nil)
        }
        @MainActor func ui() {}
        """
        let findings = AsyncGuardRails.scan(source: source, fileName: "f.swift")
        XCTAssertEqual(findings.map(\.construct), ["Task {", "Task.detached", "Task.sleep", "MainActor.run", "DispatchQueue", "Thread", "pthread_create", "@MainActor"])
        XCTAssertEqual(findings.map(\.line), [3, 4, 5, 6, 7, 8, 9, 11])
        XCTAssertEqual(findings[0].column, 5)
        XCTAssertTrue(findings[0].description.hasPrefix("f.swift:3:5: warning: Task {: "), findings[0].description)
        XCTAssertTrue(findings[0].message.contains("spawnTask"))
    }

    func testThreadInitialiserIsFound() {
        XCTAssertEqual(constructs("let t = Thread(block: { })\nThread.detachNewThread { }\nThread.sleep(forTimeInterval: 1)"),
                       ["Thread", "Thread.detachNewThread", "Thread.sleep"])
    }

    func testIgnoresCommentsStringsAndLongerNames() {
        let source = #"""
        // Task { } in a comment
        /* Task.detached /* nested */ DispatchQueue */
        let s = "Task.sleep(for:) and @MainActor"
        let raw = #"Task { "quoted" }"#
        let multi = """
            Thread(
            """
        let a = spawnTask("a") { }   // the kit's wrapper is fine
        let b = ScenarioTask<Int>.self
        let c: Task<Int, Never>? = nil
        await Task.yield()
        let taskCount = myTask(1)
        """#
        XCTAssertEqual(constructs(source), [])
    }

    /// A string inside an interpolation used to end the outer string early, so its text was
    /// read as code; code inside an interpolation is code.
    func testInterpolationsAndRawStrings() {
        let source = ###"""
        let s = "\(flag ? "Task { }" : "Task.detached") tail Task.sleep"
        let raw = #"Task { \(not) "# + ##"\##(x) DispatchQueue"##
        let real = "value \(Task.detached { 1 })"
        """###
        let findings = AsyncGuardRails.scan(source: source, fileName: "f.swift")
        XCTAssertEqual(findings.map(\.construct), ["Task.detached"])
        XCTAssertEqual(findings.map(\.line), [3])
    }

    func testCodeInsideIfConfigIsScanned() {
        let source = "#if DEBUG\nTask.detached { }\n#else\nusleep(1)\n#endif\n// Task { }"
        XCTAssertEqual(constructs(source), ["Task.detached", "usleep"])
    }

    func testLineNumbersSurviveMultilineCommentsAndStrings() {
        let source = "/*\n\n*/\nlet x = \"\"\"\n\n\"\"\"\nTask.detached { }"
        let findings = AsyncGuardRails.scan(source: source, fileName: "g.swift")
        XCTAssertEqual(findings.map(\.line), [7])
        XCTAssertEqual(findings.first?.file, "g.swift")
    }

    /// Issue 14: a thread scenario is never told to use spawnTask or `await sleep(for:)`.
    func testAdviceFitsTheScenariosEngine() {
        let source = "scenario(\"s\") {\n    let t = Thread { }\n    usleep(10)\n}\n"
        for engine in [Engine.threads, nil] {
            let findings = AsyncGuardRails.scan(source: source, fileName: "t.swift", engine: engine)
            XCTAssertEqual(findings.map(\.construct), ["Thread", "usleep"])
            XCTAssertTrue(findings[0].message.contains("spawn(\"name\")"), findings[0].message)
            XCTAssertTrue(findings[1].message.contains("Semaphore"), findings[1].message)
            XCTAssertFalse(findings.contains { $0.message.contains("spawnTask") || $0.message.contains("await") })
        }
        let async = AsyncGuardRails.scan(source: source, fileName: "t.swift", engine: .async)
        XCTAssertTrue(async.allSatisfy { $0.message.contains("spawnTask") || $0.message.contains("sleep(for:)") })
        XCTAssertEqual(AsyncGuardRails.scan(source: source, fileName: "t.swift", engine: .stress), [])
    }

    func testUnterminatedStringDoesNotHideTheNextLine() {
        XCTAssertEqual(constructs("let s = \"oops\nTask { }"), ["Task {"])
    }
}
