import Foundation
import Synchronization

/// The life of one program process under the checker: which request it serves, which scenarios
/// ran, and the report written when they are done.
///
/// Both engines call ``begin(_:)`` and ``finish(_:)`` around each scenario. The report is
/// written at exit only when no scenario is in progress, so a learner's `exit(0)` from inside a
/// scenario leaves no complete report behind and can never pass a check. It is `package`, so
/// learner code (compiled outside this package) cannot record a scenario of its own.
///
/// The nonce that proves a report is this run's never passes through the environment, where
/// learner code could read it (`/proc/self/environ` keeps the original environment): the runner
/// writes it into a pipe inherited at the descriptor named by `PARLEARN_CHANNEL`, which the kit
/// reads and closes when the first scenario starts, before any scenario body runs.
package enum ProgramRun {
    private struct State {
        var reports: [ScenarioReport] = []
        var inProgress: String?
        var exitHookInstalled = false
    }

    // Spelled out: ParLearnKit has its own learner-facing `Mutex`.
    private static let state = Synchronization.Mutex(State())

    /// The request of this process, read once. A malformed variable is a usage error: exit 2.
    package static let request: RunRequest = {
        do {
            var request = try RunRequest.current()
            request.nonce = takeChannelNonce()
            return request
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            exit(2)
        }
    }()

    /// Reads the nonce from the channel descriptor, closes it, and removes the variable, so that
    /// neither learner code nor the processes it starts can find the channel.
    private static func takeChannelNonce() -> String? {
        let key = RunRequest.Key.channel.rawValue
        guard let raw = ProcessInfo.processInfo.environment[key], let fd = Int32(raw), fd > 2 else { return nil }
        unsetenv(key)
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64)
        while bytes.count < 256 {
            let n = read(fd, &buffer, buffer.count)
            if n <= 0 { break }
            bytes += buffer[0..<n]
        }
        let nonce = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return nonce.isEmpty ? nil : nonce
    }

    /// Marks `name` as running. Returns false when the request selects another scenario.
    package static func begin(_ name: String) -> Bool {
        if let only = request.scenario, only != name { return false }
        state.withLock { state in
            state.inProgress = name
            if !state.exitHookInstalled {
                state.exitHookInstalled = true
                lineBufferStandardOutput()
                atexit { ProgramRun.writeReportAtExit() }
            }
        }
        return true
    }

    /// Records a finished scenario and prints a one-line summary when no parent collects the report.
    package static func finish(_ report: ScenarioReport) {
        state.withLock { state in
            state.reports.append(report)
            state.inProgress = nil
        }
        if request.mode != .plain && request.reportPath == nil {
            print(report.summaryLine)
        }
    }

    /// The reports finished so far, in order.
    package static var reports: [ScenarioReport] { state.withLock { $0.reports } }

    /// Output reaches the runner through a pipe; line buffering keeps it live. The C global
    /// `stdout` is looked up by symbol because Swift 6 rejects reading a mutable C global.
    private static func lineBufferStandardOutput() {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "stdout") else { return }
        setvbuf(symbol.load(as: UnsafeMutablePointer<FILE>.self), nil, _IOLBF, 0)
    }

    private static func writeReportAtExit() {
        let (reports, interrupted) = state.withLock { ($0.reports, $0.inProgress != nil) }
        guard let path = request.reportPath, !interrupted else { return }
        let report = ProgramReport(nonce: request.nonce, complete: true, scenarios: reports)
        try? report.jsonData().write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}

extension ProgramReport {
    /// Stable JSON: sorted keys, so equal reports are equal bytes.
    public func jsonData() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        // Encoding plain value types cannot fail.
        return try! encoder.encode(self)
    }

    public static func decode(_ data: Data) throws -> ProgramReport {
        try JSONDecoder().decode(ProgramReport.self, from: data)
    }
}

extension ScenarioReport {
    /// "racy: bug (invariant) after 12 schedules: counter is 1, expected 2 — replay with T1:0101"
    public var summaryLine: String {
        switch verdict {
        case .clean:
            return "\(scenario): clean, \(counted(schedulesRun, "schedule")) explored. A pass is not a proof."
        case .bug:
            let replay = schedule.map { " [schedule \($0)]" } ?? ""
            return "\(scenario): bug (\(kind?.rawValue ?? "unknown")) after \(counted(schedulesRun, "schedule")): \(message)\(replay)"
        case .limit:
            return "\(scenario): not checked, the checker reached its limit: \(message)"
        }
    }
}
