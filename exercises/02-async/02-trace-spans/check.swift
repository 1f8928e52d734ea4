// The check for async-tenant-keys. It belongs to the workbook: edit tracer.swift, not this file.
import ParLearnKit

/// One request: a checkout span with a payment span inside. Returns the lines it logged.
func checkout(_ order: Int) async -> [String] {
    await Tracer.span("checkout \(order)") {
        var lines = [await Tracer.line("start")]
        lines += await Tracer.span("pay") {
            await sleep(for: .milliseconds(10))     // the card network
            return [await Tracer.line("charged")]
        }
        lines.append(await Tracer.line("done"))
        return lines
    }
}

scenario("two checkouts at once") {
    let one = spawnTask("order 1") { await checkout(1) }
    let two = spawnTask("order 2") { await checkout(2) }
    for (order, task) in [(1, one), (2, two)] {
        let lines = await task.value
        let expected = ["checkout \(order): start", "checkout \(order)/pay: charged", "checkout \(order): done"]
        check(lines == expected, "order \(order) logged \(lines), expected \(expected)")
    }
}

scenario("child tasks log inside their parent's span") {
    let lines = await Tracer.span("report") {
        async let totals = Tracer.line("totals")
        async let chart = Tracer.span("chart") { await Tracer.line("drawn") }
        return [await totals, await chart]
    }
    check(lines == ["report: totals", "report/chart: drawn"], "the report's child tasks logged \(lines), expected [\"report: totals\", \"report/chart: drawn\"]")
    let after = await Tracer.line("idle")
    check(after == "idle", "a line logged after the report's span ended reads \"\(after)\": the span outlived its closure")
}
