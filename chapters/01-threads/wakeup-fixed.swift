// The fixed twin of wakeup-racy.swift: the consumer re-checks the
// condition every time it wakes up.
import ParLearnKit

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

// [take]
    func take() -> Int {
        lock.withLock {
            while jobs.value.isEmpty {  // look again after every wakeup
                changed.wait(lock)
            }
            return jobs.value.removeFirst()
        }
    }
// [/take]
}

scenario("two consumers") {
    let queue = JobQueue()
    let consumers = (1...2).map { i in spawn("C\(i)") { queue.take() } }
    let producer = spawn("P") {
        queue.put(1)
        queue.put(2)
    }
    producer.join()
    let got = consumers.map { $0.join() }.sorted()
    check(got == [1, 2], "the consumers got \(got), expected [1, 2]")
}
