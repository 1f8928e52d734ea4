import Foundation
import WorkbookCore
import XCTest

/// Chapters quote the Swift compiler's own diagnostics for small files kept beside them in
/// `chapters/NN-slug/diagnostics/`. Every error and note swiftc prints for those files today
/// must appear, word for word, in the chapter, so a new compiler cannot leave a stale quote.
final class QuotedDiagnosticsTests: XCTestCase {
    func testQuotedCompilerDiagnosticsAreWhatSwiftcPrints() throws {
        let toolchain: Toolchain
        let kit: KitLocation
        do {
            toolchain = try Toolchain.locate()
            kit = try KitLocation.locate()
        } catch {
            throw XCTSkip("no swiftc or no built kit here: \(error)")
        }
        let chapters = ParlearnCommand.root.appendingPathComponent("chapters")
        var quoted = 0
        for chapter in try FileManager.default.contentsOfDirectory(atPath: chapters.path).sorted() {
            let folder = chapters.appendingPathComponent("\(chapter)/diagnostics")
            guard let files = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { continue }
            let text = try String(contentsOf: chapters.appendingPathComponent("\(chapter)/chapter.md"), encoding: .utf8)
            for file in files.sorted() where file.hasSuffix(".swift") {
                // The same mode and diagnostic style the workbook compiles learner code with, and the
                // kit, which the isolates chapter's files import.
                let (_, data) = ChildProcess.capture(
                    executable: toolchain.swiftc.path,
                    arguments: ["-swift-version", "6", "-emit-sil", "-o", "/dev/null", "-diagnostic-style", "llvm",
                                "-I", kit.moduleDirectory.path, folder.appendingPathComponent(file).path],
                    timeout: 120)
                let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
                    .filter { $0.contains(": error: ") || $0.contains(": note: ") }
                    .map { $0.replacingOccurrences(of: folder.path + "/", with: "") }
                XCTAssertFalse(lines.isEmpty, "\(chapter)/diagnostics/\(file) compiles without an error: nothing to quote")
                for line in lines {
                    XCTAssertTrue(text.contains(line), "\(chapter)/chapter.md does not quote what swiftc prints today:\n\(line)")
                }
                quoted += 1
            }
        }
        XCTAssertGreaterThanOrEqual(quoted, 5, "chapters 01 and 02 each quote a diagnostic, 04 three")
    }
}
