// The check for threads-spin-lock. It belongs to the workbook: edit spinlock.swift, not this
// file.
import ParLearnKit

/// `threads` threads each add 1 to a shared total `times` times, under the spin lock.
func count(threads: Int, times: Int) {
    let spin = SpinLock()
    let inside = Atomic(0, "inside")
    let total = Shared(0, "total")   // guarded by `spin`
    let workers = (1...threads).map { i in
        spawn("T\(i)") {
            for _ in 1...times {
                spin.withLock {
                    let now = inside.wrappingAdd(1).newValue
                    check(now == 1, "\(now) threads held the spin lock at once")
                    total.value += 1
                    inside.wrappingSubtract(1)
                }
            }
        }
    }
    for worker in workers { worker.join() }
    let sum = spin.withLock { total.value }
    check(sum == threads * times, "the total is \(sum), expected \(threads * times)")
}

scenario("two threads, two rounds each") {
    count(threads: 2, times: 2)
}

scenario("three threads") {
    count(threads: 3, times: 1)
}
