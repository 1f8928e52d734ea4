// The fixed twin of racy.swift: the read and the write happen together.
import ParLearnKit

// [counter]
scenario("two increments") {
    let hits = Mutex(0, "hits")
    let workers = (1...2).map { i in
        spawn("T\(i)") {
            hits.withLock { $0 += 1 }   // no other thread can get in
        }
    }
    for w in workers { w.join() }
    let total = hits.withLock { $0 }
    check(total == 2, "hits is \(total), expected 2")
}
// [/counter]
