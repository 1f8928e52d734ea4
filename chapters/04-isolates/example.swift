// Four isolates each sum a quarter of one shared, read-only buffer, without copying it, and
// send their sums back through a queue.
import ParLearnKit

// [scenario]
scenario("four isolates sum a shared buffer") {
    let numbers = SharedBuffer(Array(1...16), "numbers")   // zero-copy, like a memoryview
    let sums = IsolateQueue<Int>("sums")
    let workers = (0..<4).map { Isolate("I\($0 + 1)") }
    for (i, worker) in workers.enumerated() {
        let slice = (i * 4)..<(i * 4 + 4)
        _ = worker.run {
            var sum = 0
            for j in slice { sum += numbers[j] }   // reads only: no coordination needed
            try sums.put(sum)
        }
    }
    var total = 0
    for _ in workers { total += sums.get() ?? 0 }
    check(total == 136, "the sums add up to \(total), expected 136")
}
// [/scenario]
