// The check for async-merged-stream. It belongs to the workbook: edit logs.swift, not this file.
import ParLearnKit

/// A log file on a slow disk: reading one line takes 50 ms. Only this file can make one, so
/// every line counted has really been read.
struct LogFile: Sendable {
    let name: String
    fileprivate let lines: [String]

    fileprivate init(_ name: String, _ lines: [String]) {
        self.name = name
        self.lines = lines
    }

    var lineCount: Int { lines.count }

    /// Reads line `index` (from 0) from the disk.
    func readLine(_ index: Int) async -> String {
        await sleep(for: .milliseconds(50))
        return lines[index]
    }
}

/// Summarises `files` and checks the counts; with `concurrently`, also that the files were read
/// at the same time (on the checker's virtual clock: one file after another takes the sum).
func checkSummary(_ files: [LogFile], concurrently: Bool) async {
    let clock = VirtualClock()
    let start = clock.now
    let (lines, errors) = await summarise(files)
    let elapsed = start.duration(to: clock.now)
    let all = files.flatMap(\.lines)
    let expectedErrors = all.filter { $0.hasPrefix("ERROR") }.count
    check(lines == all.count && errors == expectedErrors,
          "the summary counted \(lines) lines and \(errors) errors, expected \(all.count) lines and \(expectedErrors) errors")
    let oneAfterAnother = Duration.milliseconds(50 * all.count)
    check(!concurrently || elapsed < oneAfterAnother,
          "reading took \(elapsed), as long as reading the files one after another; read them at the same time")
}

scenario("two files of equal length") {
    await checkSummary([LogFile("api.log", ["INFO start", "ERROR disk full"]),
                        LogFile("db.log", ["INFO start", "ERROR timeout"])],
                       concurrently: true)
}

scenario("a short file and a long one") {
    await checkSummary([LogFile("boot.log", ["ERROR boot"]),
                        LogFile("app.log", ["INFO a", "INFO b", "ERROR c", "INFO d"])],
                       concurrently: false)
}
