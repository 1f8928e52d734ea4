// The check for async-cancellation. It belongs to the workbook: edit export.swift, not this file.
import ParLearnKit

/// The sink must hold pages 1...n, in order, and be closed.
func checkSink(_ sink: PageSink, holds count: Int) async {
    let pages = await sink.pages
    check(pages == (0..<count).map { $0 + 1 },
          "the sink holds pages \(pages), expected 1 to \(count) in order")
    check(await sink.closed, "the export ended without closing its sink")
}

scenario("an export runs to the end") {
    let sink = PageSink()
    let job = spawnTask("export") { await export(pages: 5, to: sink) }
    let result = await job.value
    check(result == .finished(pages: 5), "an export nobody cancelled ended as \(result), expected finished(pages: 5)")
    await checkSink(sink, holds: 5)
}

scenario("cancelling stops the export") {
    let sink = PageSink()
    let job = spawnTask("export") { await export(pages: 20, to: sink) }
    // Pages take 10 ms each: by 35 ms, pages 1 to 3 are written and page 4 is being rendered.
    await sleep(for: .milliseconds(35))
    job.cancel()
    let writtenAtCancel = await sink.pages.count
    let result = await job.value
    guard case .cancelled(let done) = result else {
        check(false, "the export was cancelled at 35 ms, after \(writtenAtCancel) pages, but ended as \(result)")
        return
    }
    // Finishing the page in flight is fine; starting another one is not.
    check(done == writtenAtCancel || done == writtenAtCancel + 1,
          "the export had written \(writtenAtCancel) pages when it was cancelled but reports \(done); expected \(writtenAtCancel), or \(writtenAtCancel + 1) if it finished the page it was on")
    await checkSink(sink, holds: done)
}

scenario("cancelled before it starts") {
    let sink = PageSink()
    let job = spawnTask("export") { await export(pages: 20, to: sink) }
    job.cancel()
    let result = await job.value
    check(result == .cancelled(afterPages: 0),
          "the export was cancelled before it began but ended as \(result), expected cancelled(afterPages: 0)")
    await checkSink(sink, holds: 0)
}
