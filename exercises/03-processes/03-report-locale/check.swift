import ParLearnKit

// The entry points live in reports.swift, whose globals Swift creates on first use: listing
// them here creates them in every process before the scenario starts.
processScenario("french reports", entryPoints: [useLocale, heading]) {
    let pool = try makeReportPool(locale: "fr_FR")
    let headings = try pool.map(heading, [1, 2, 3])
    pool.shutdown()
    for text in headings {
        check(text.hasPrefix("[fr_FR]"), "a worker wrote \"\(text)\", expected the fr_FR locale")
    }
}
