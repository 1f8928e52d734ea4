// The check for welcome-counter. It belongs to the workbook: edit counter.swift, not this file.
import ParLearnKit

scenario("two threads increment once") {
    let counter = HitCounter()
    let workers = (1...2).map { i in spawn("T\(i)") { counter.increment() } }
    for worker in workers { worker.join() }
    check(counter.value == 2, "the counter is \(counter.value) after 2 increments, expected 2")
}

scenario("three threads increment twice") {
    let counter = HitCounter()
    let workers = (1...3).map { i in
        spawn("T\(i)") {
            counter.increment()
            counter.increment()
        }
    }
    for worker in workers { worker.join() }
    check(counter.value == 6, "the counter is \(counter.value) after 6 increments, expected 6")
}
