// A two-stage pipeline over AsyncStream with backpressure: the reader
// produces a record only when the consumer asks for one, so the
// producer can never run ahead of the consumer.
import ParLearnKit

// [source]
/// Reads records from a slow disk, one per call.
actor RecordReader {
    private(set) var produced = 0
    let total: Int
    init(total: Int) { self.total = total }

    func next() async -> Int? {
        guard produced < total else { return nil }
        // Claim the record before the `await`, not after: a second caller
        // reaching `next()` during the read cannot pass the same check.
        produced += 1
        let record = produced
        await sleep(for: .milliseconds(2))  // one disk read
        return record
    }
}
// [/source]

scenario("pull-based pipeline") {
    let reader = RecordReader(total: 8)
// [pipeline]
    // Pull: the stream calls `next()` only when iterated.
    let records = AsyncStream(unfolding: { await reader.next() })
    let parsed = records.map { "record \($0)" }    // a second stage
    var consumed = 0
    for await record in parsed {
        await sleep(for: .milliseconds(5))  // a slow consumer
        consumed += 1
        let ahead = await reader.produced - consumed
        check(ahead <= 0, "the reader ran \(ahead) ahead at \(record)")
    }
// [/pipeline]
    check(consumed == 8, "consumed \(consumed) of 8 records")
    print("consumed \(consumed) records; the reader never ran ahead")
}
