import Foundation
import ParLearnKit

// The checker crashes the worker that starts the second job (see docs/processes.md). Set before
// the kit reads its request, so the parent and every worker agree.
setenv("PARLEARN_CRASH_JOB", "2", 1)

let price = EntryPoint("price") { (order: Int) in order * 3 }

processScenario("a worker crashes") {
    let pool = try ProcessPool(workers: 2)
    let prices = try priceAll([10, 20, 30, 40], on: pool, with: price)
    pool.shutdown()
    check(prices == [30, 60, 90, 120], "prices \(prices), expected [30, 60, 90, 120]")
}
