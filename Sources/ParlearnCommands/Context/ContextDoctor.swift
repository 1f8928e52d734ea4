import Foundation
import ParLearnKit
import WorkbookCore

/// `doctor` and the guard-rail warnings shown before a program is checked.
extension CommandContext {
    func doctor() -> Int32 {
        reload()
        let healthy = Doctor(paths: paths).run(library: library, interruptRequested: interruptRequested) { check in
            let mark = check.ok ? console.theme.paint("ok  ", .green) : console.theme.paint("FAIL", .red)
            console.printEntry("\(mark) ", leadWidth: 5, [StyledRun(check.text)])
        }
        return healthy ? 0 : 1
    }

    /// Constructs the checker cannot schedule, named by line before anything runs.
    func warnAboutGuardRails(in target: ProgramTarget) {
        let units = target.compileUnits
        for file in units.files + (units.mainFile.map { [$0] } ?? []) {
            guard let source = try? String(contentsOf: file, encoding: .utf8) else { continue }
            let findings = AsyncGuardRails.scan(source: source, fileName: file.lastPathComponent, engine: target.engine)
            for finding in findings {
                console.printWrapped(finding.description, style: .yellow)
            }
        }
    }
}
