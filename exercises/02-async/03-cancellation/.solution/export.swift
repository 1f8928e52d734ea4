import ParLearnKit

/// Where an export writes its pages: a file being written, say. Whoever exports must close it,
/// whether the export finished or not.
actor PageSink {
    private(set) var pages: [Int] = []
    private(set) var closed = false

    func write(_ page: Int) { pages.append(page) }
    func close() { closed = true }
}

/// How an export ended.
enum ExportResult: Sendable, Equatable {
    case finished(pages: Int)
    /// Stopped because its task was cancelled, after writing this many pages.
    case cancelled(afterPages: Int)
}

/// Renders pages 1...`pages` into `sink`, one at a time, then closes the sink.
/// The user can cancel a long export; it must then stop soon, say how far it got, and still
/// close the sink.
func export(pages: Int, to sink: PageSink) async -> ExportResult {
    var written = 0
    for page in 1...pages {
        // The polite stop point: before starting a page. A page whose rendering a
        // cancellation cut short is still written; the next one is never started.
        if Task.isCancelled { break }
        await sleep(for: .milliseconds(10))     // rendering one page
        await sink.write(page)
        written += 1
    }
    await sink.close()          // on both paths: a cancelled export still cleans up
    return written == pages ? .finished(pages: pages) : .cancelled(afterPages: written)
}
