import Foundation
import ParLearnKit
import WorkbookCore

/// `doctor`: is everything parlearn relies on here and behaving?
extension CommandContext {
    /// The self-test runs in a child like any program: a toolchain that misbehaves can hang it.
    static let selfTestProgram = """
        import Foundation
        import ParLearnKit
        let result = runSelfTest()
        print(result)
        exit(result.passed ? 0 : 1)
        """

    @discardableResult
    func doctor() -> Int32 {
        var healthy = true
        func report(_ ok: Bool, _ what: String) {
            console.print("\(ok ? console.theme.paint("ok  ", .green) : console.theme.paint("FAIL", .red)) \(what)")
            healthy = healthy && ok
        }
        reload()
        report(library.problems.isEmpty && !library.chapters.isEmpty,
               "\(library.chapters.count) chapters in \(paths.chapters.path)" + library.problems.map { "\n     \($0)" }.joined())
        let toolchain: Toolchain
        do {
            toolchain = try Toolchain.locate(cache: paths.cache)
            report(true, "compiler: \(toolchain.swiftc.path) (\(toolchain.version))")
        } catch {
            report(false, error.description)
            return 1
        }
        do {
            let kit = try KitLocation.locate()
            report(true, "kit: \(kit.libraryDirectory.path)/libParLearnKit.so")
        } catch {
            report(false, error.description)
            return 1
        }
        guard let runner = programRunner() else { return 1 }
        let source = paths.cache.appendingPathComponent("doctor/selftest.swift")
        do {
            try FileManager.default.createDirectory(at: source.deletingLastPathComponent(), withIntermediateDirectories: true)
            try AtomicFile.write(Data(Self.selfTestProgram.utf8), to: source.path)
        } catch {
            report(false, "cannot write to the cache \(paths.cache.path): \(error.localizedDescription)")
            return 1
        }
        var output = Data()
        let (compiled, status) = runner.run(.file(source), timeout: 60, interruptRequested: interruptRequested) { event in
            if case .output(let data) = event { output.append(data) }
        }
        guard let status else {
            if case .failed(_, let text) = compiled { report(false, "the kit does not compile a test program:\n\(text)") }
            return 1
        }
        var filter = OutputFilter()
        report(status.succeeded, filter.filter(output).trimmingCharacters(in: .whitespacesAndNewlines)
               + (status.succeeded ? "" : "\n     (the self-test \(status.summary))"))
        report(true, "state: \(paths.state.path); cache: \(paths.cache.path)")
        return healthy ? 0 : 1
    }

    /// Constructs the checker cannot schedule, named by line before anything runs.
    func warnAboutGuardRails(in target: ProgramTarget) {
        let units = target.compileUnits
        for file in units.files + (units.mainFile.map { [$0] } ?? []) {
            guard let source = try? String(contentsOf: file, encoding: .utf8) else { continue }
            for finding in AsyncGuardRails.scan(source: source, fileName: file.lastPathComponent) {
                console.print(console.theme.paint(finding.description, .yellow))
            }
        }
    }
}
