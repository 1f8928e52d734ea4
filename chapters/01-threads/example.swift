// Threads that share nothing: each sums its own half of 1...1000 and
// hands the result back through join().
import ParLearnKit

// [split]
/// Adds up `range` on its own thread and returns the total.
func sumOnThread(_ name: String, _ range: ClosedRange<Int>)
    -> JoinHandle<Int> {
    spawn(name) { range.reduce(0, +) }
}

scenario("split sum") {
    let low = sumOnThread("low", 1...500)
    let high = sumOnThread("high", 501...1000)
    let total = low.join() + high.join()    // join waits, then returns
    check(total == 500_500, "total is \(total), expected 500500")
    print("1 + 2 + ... + 1000 = \(total)")
}
// [/split]
