import Foundation

/// Words and draws a ``SpeedupResult``: a table with a bar per thread count, in Unicode eighth
/// blocks, or `#` when the terminal cannot show them (`TERM=dumb`).
public struct SpeedupChart: Sendable {
    public var unicode: Bool
    /// Columns the longest bar may take.
    public var barWidth: Int

    public init(unicode: Bool, barWidth: Int = 24) {
        self.unicode = unicode
        self.barWidth = max(4, barWidth)
    }

    /// Unicode blocks unless the terminal is dumb or the locale is not UTF-8.
    public static func unicodeTerminal(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        if environment["TERM"] == "dumb" { return false }
        let locale = environment["LC_ALL"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["LC_CTYPE"]
            .flatMap { $0.isEmpty ? nil : $0 } ?? environment["LANG"] ?? ""
        return locale.isEmpty || locale.uppercased().contains("UTF-8") || locale.uppercased().contains("UTF8")
    }

    public func render(_ result: SpeedupResult) -> [String] {
        let gil = result.gil ? " under the simulated GIL" : ""
        var lines = ["speed-up of \(result.program)\(gil): median of \(result.repeats) runs, "
                     + "\(result.cores) \(result.cores == 1 ? "core" : "cores")"]
        guard result.measurable else {
            lines.append("This machine gives the program 1 core, so threads take turns and cannot run at the same "
                         + "time: a speed-up is not measurable here. Run it on a machine with 2 or more cores.")
            return lines
        }
        let scale = max(result.rows.map(\.speedup).max() ?? 1, 1)
        let dash = unicode ? "–" : "-"
        let wall = result.rows.map { Self.seconds($0.wallSeconds.median) + " (" + Self.seconds($0.wallSeconds.min)
            + dash + Self.seconds($0.wallSeconds.max) + ")" }
        let wallWidth = max(wall.map(\.count).max() ?? 0, "wall s (spread)".count)
        lines.append("threads  " + "wall s (spread)".padding(toLength: wallWidth, withPad: " ", startingAt: 0)
                     + "  CPU s   speed-up" + String(repeating: " ", count: barWidth - 1) + "efficiency")
        for (row, wallText) in zip(result.rows, wall) {
            let bar = self.bar(row.speedup / scale)
            var line = String(repeating: " ", count: max(0, 7 - String(row.threads).count)) + "\(row.threads)  "
            line += wallText.padding(toLength: wallWidth, withPad: " ", startingAt: 0) + "  "
            line += Self.seconds(row.cpuSeconds.median).padding(toLength: 6, withPad: " ", startingAt: 0) + "  "
            line += String(format: "%4.2f", row.speedup) + (unicode ? "× " : "x ")
            line += bar + String(repeating: " ", count: barWidth - bar.count) + "  "
            line += String(format: "%3.0f%%", row.efficiency * 100)
            if row.threads > result.cores { line += "  (more threads than cores)" }
            lines.append(line)
        }
        let over = unicode ? "÷" : "/"
        if let reason = result.busyReason {
            lines.append("The machine is busy: \(reason), so these speed-ups measure the load of other programs as "
                         + "much as this program.")
        }
        lines.append("speed-up = wall time at \(result.rows.first?.threads ?? 1) thread(s) \(over) wall time; efficiency = "
                     + "speed-up \(over) threads; CPU \(over) wall at the most threads: "
                     + String(format: "%.2f", result.rows.last?.parallelism ?? 0) + " cores busy")
        return lines
    }

    /// A bar `fraction` (0…1) of the width, in eighths of a cell.
    func bar(_ fraction: Double) -> String {
        let eighths = Int((max(0, min(1, fraction)) * Double(barWidth * 8)).rounded())
        guard unicode else { return String(repeating: "#", count: (eighths + 4) / 8) }
        let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"][eighths % 8]
        return String(repeating: "█", count: eighths / 8) + partial
    }

    static func seconds(_ value: Double) -> String { String(format: value < 10 ? "%.3f" : "%.1f", value) }
}
