import Foundation
import ParLearnKit

/// `parlearn doctor`: is everything parlearn relies on here and behaving? Each check is reported
/// as it finishes; a check the rest depend on (compiler, kit, cache) ends the run when it fails.
public struct Doctor: Sendable {
    public struct Check: Sendable, Equatable {
        public var ok: Bool
        public var text: String
    }

    /// The self-test runs in a child like any program: a toolchain that misbehaves can hang it.
    static let selfTestProgram = """
        import Foundation
        import ParLearnKit
        let result = runSelfTest()
        print(result)
        exit(result.passed ? 0 : 1)
        """

    public var paths: WorkbookPaths
    /// Seconds the self-test may take, compile included.
    public var selfTestSeconds: Double = 60

    public init(paths: WorkbookPaths) {
        self.paths = paths
    }

    /// Runs the checks in order. True when every one passed.
    public func run(library: ChapterLibrary, interruptRequested: () -> Bool = { false },
                    report: (Check) -> Void) -> Bool {
        var healthy = true
        func check(_ ok: Bool, _ text: String) {
            report(Check(ok: ok, text: text))
            healthy = healthy && ok
        }
        let problems = library.problems.map { "\n     \($0)" }.joined()
        check(library.problems.isEmpty && !library.chapters.isEmpty,
              "\(library.chapters.count) chapters in \(paths.chapters.path)\(problems)")
        let toolchain: Toolchain
        let kit: KitLocation
        do {
            toolchain = try Toolchain.locate(cache: paths.cache)
            check(true, "compiler: \(toolchain.swiftc.path) (\(toolchain.version))")
            kit = try KitLocation.locate()
            check(true, "kit: \(kit.libraryDirectory.path)/\(KitLocation.libraryName)")
        } catch {
            check(false, error.description)
            return false
        }
        let source = paths.cache.appendingPathComponent("doctor/selftest.swift")
        do {
            try FileManager.default.createDirectory(at: source.deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
            try AtomicFile.write(Data(Self.selfTestProgram.utf8), to: source.path)
        } catch {
            check(false, "cannot write to the cache \(paths.cache.path): \(error.localizedDescription)")
            return false
        }
        let compiler = ProgramCompiler(toolchain: toolchain, kit: kit, cacheDirectory: paths.cache)
        let runner = ProgramRunner(compiler: compiler)
        var output = Data()
        let (compiled, status) = runner.run(.file(source), timeout: selfTestSeconds,
                                            interruptRequested: interruptRequested) { event in
            if case .output(let data) = event { output.append(data) }
        }
        guard let status else {
            if case .failed(_, let text) = compiled {
                check(false, "the kit does not compile a test program:\n\(text)")
            }
            return false
        }
        var filter = OutputFilter()
        check(status.succeeded, filter.filter(output).trimmingCharacters(in: .whitespacesAndNewlines)
              + (status.succeeded ? "" : "\n     (the self-test \(status.summary))"))
        check(true, "state: \(paths.state.path); cache: \(paths.cache.path)")
        return healthy
    }
}
