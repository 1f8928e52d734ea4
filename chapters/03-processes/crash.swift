// Crash containment: one record makes its worker crash. The pool reports that job as failed,
// replaces the worker, and finishes every other job.
import ParLearnKit

// [parse]
/// `Int("x")!` traps, and the trap kills this worker process, not the parent.
let parse = EntryPoint("parse") { (record: String) in Int(record)! }
// [/parse]

// [scenario]
processScenario("one bad record") {
    let records = ["1", "2", "x", "4", "5"]
    let pool = try ProcessPool(workers: 2)
    let futures = try records.map { try pool.submit(parse, $0) }
    var total = 0
    var failed: [String] = []
    for (record, future) in zip(records, futures) {
        do {
            total += try future.result()
        } catch {
            print("record \(record): \(error)")
            failed.append(record)
        }
    }
    pool.shutdown()
    check(total == 12 && failed == ["x"], "total \(total), failed \(failed)")
}
// [/scenario]
