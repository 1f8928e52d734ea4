// The check for threads-bounded-buffer. It belongs to the workbook: edit buffer.swift, not this
// file.
import ParLearnKit

scenario("one producer, one consumer") {
    let buffer = BoundedBuffer(capacity: 1)
    let consumer = spawn("C") { (1...3).map { _ in buffer.take() } }
    let producer = spawn("P") { for item in 1...3 { buffer.put(item) } }
    producer.join()
    let got = consumer.join()
    check(got == [1, 2, 3], "the consumer got \(got), expected [1, 2, 3] in that order")
}

scenario("two producers, two consumers") {
    let buffer = BoundedBuffer(capacity: 1)
    let producers = [[1, 2], [3, 4]].enumerated().map { i, items in
        spawn("P\(i + 1)") { for item in items { buffer.put(item) } }
    }
    let consumers = (1...2).map { i in spawn("C\(i)") { [buffer.take(), buffer.take()] } }
    for producer in producers { producer.join() }
    let got = consumers.flatMap { $0.join() }.sorted()
    check(got == [1, 2, 3, 4],
          "the consumers got \(got) between them, expected each of [1, 2, 3, 4] exactly once")
}
