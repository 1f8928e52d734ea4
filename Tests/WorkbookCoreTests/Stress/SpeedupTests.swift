import XCTest
@testable import WorkbookCore

final class SpeedupTests: XCTestCase {
    func testMedianAndSpread() throws {
        let odd = try XCTUnwrap(Spread([3, 1, 2]))
        XCTAssertEqual([odd.median, odd.min, odd.max], [2, 1, 3])
        XCTAssertEqual(Spread([4, 1, 2, 3])?.median, 2.5)
        XCTAssertNil(Spread([]))
    }

    private func result(cores: Int) -> SpeedupResult {
        SpeedupResult(program: "05-free-threads/example", cores: cores, gil: false, samples: [
            1: [(1.0, 1.0), (1.2, 1.0), (0.9, 1.0)],
            2: [(0.5, 1.0), (0.55, 1.0), (0.6, 1.1)],
            4: [(0.5, 1.0), (0.5, 1.0), (0.5, 1.0)],
        ])
    }

    func testSpeedupEfficiencyAndParallelismFromMedians() throws {
        let row = try XCTUnwrap(result(cores: 2).row(threads: 2))
        XCTAssertEqual(row.speedup, 1.0 / 0.55, accuracy: 1e-9)
        XCTAssertEqual(row.efficiency, row.speedup / 2, accuracy: 1e-9)
        XCTAssertEqual(row.parallelism, 1.0 / 0.55, accuracy: 1e-9)
        XCTAssertEqual(result(cores: 2).row(threads: 1)?.speedup, 1)
    }

    func testChartDrawsUnicodeBarsOrAsciiAndFlagsOversubscription() {
        let unicode = SpeedupChart(unicode: true, barWidth: 10).render(result(cores: 2))
        XCTAssertTrue(unicode.contains { $0.contains("1.82× █████████") }, unicode.joined(separator: "\n"))
        XCTAssertTrue(unicode.contains { $0.hasPrefix("      4") && $0.contains("(more threads than cores)") })
        let ascii = SpeedupChart(unicode: false, barWidth: 10).render(result(cores: 2))
        XCTAssertTrue(ascii.allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) }, ascii.joined(separator: "\n"))
        XCTAssertTrue(ascii.contains { $0.contains("2.00x ##########") })
        XCTAssertEqual(SpeedupChart(unicode: true, barWidth: 8).bar(0.5 + 1.0 / 64), "████▏")
    }

    func testOneCoreSaysSoInsteadOfCharting() {
        let lines = SpeedupChart(unicode: true).render(result(cores: 1))
        XCTAssertFalse(result(cores: 1).measurable)
        XCTAssertTrue(lines.joined().contains("not measurable here"))
        XCTAssertFalse(lines.joined().contains("█"))
    }

    func testDumbTerminalFallsBackToAscii() {
        XCTAssertFalse(SpeedupChart.unicodeTerminal(environment: ["TERM": "dumb", "LANG": "C.UTF-8"]))
        XCTAssertTrue(SpeedupChart.unicodeTerminal(environment: ["TERM": "xterm", "LANG": "C.UTF-8"]))
        XCTAssertFalse(SpeedupChart.unicodeTerminal(environment: ["TERM": "xterm", "LANG": "C"]))
    }
}
