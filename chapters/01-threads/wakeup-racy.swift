// Deliberately racy: a consumer waits with `if` instead of `while`, so
// when it wakes up it trusts a condition that may no longer hold.
import ParLearnKit

// [queue]
/// Jobs guarded by one lock, plus a condition variable meaning
/// "the jobs may have changed: look again".
final class JobQueue: Sendable {
    private let lock = Lock("queue")
    private let changed = Condition("changed")
    private let jobs = Shared<[Int]>([], "jobs")   // guarded by `lock`

    func put(_ job: Int) {
        lock.withLock {
            jobs.value.append(job)
            changed.signal()
        }
    }
// [/queue]

// [take]
    func take() -> Int? {
        lock.withLock {
            if jobs.value.isEmpty {     // BUG: checked once
                changed.wait(lock)
            }
            // Another consumer may have got here first.
            return jobs.value.isEmpty ? nil : jobs.value.removeFirst()
        }
    }
// [/take]
}

// [scenario]
scenario("two consumers") {
    let queue = JobQueue()
    let consumers = (1...2).map { i in spawn("C\(i)") { queue.take() } }
    let producer = spawn("P") {
        queue.put(1)
        queue.put(2)
    }
    producer.join()
    let got = consumers.map { $0.join().map { "job \($0)" } ?? "nothing" }
    check(!got.contains("nothing"), "the consumers got \(got)")
}
// [/scenario]
