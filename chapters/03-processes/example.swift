// A pool of two worker processes squares numbers; the parent sums the squares.
import ParLearnKit

// [entry]
/// Runs in a worker process. The number arrives as JSON and the square goes back the same way.
let square = EntryPoint("square") { (n: Int) in n * n }
// [/entry]

// [scenario]
processScenario("sum of squares") {
    let pool = try ProcessPool(workers: 2)
    let squares = try pool.map(square, Array(1...6))
    pool.shutdown()
    let total = squares.reduce(0, +)
    check(total == 91, "the sum of squares is \(total), expected 91")
}
// [/scenario]
