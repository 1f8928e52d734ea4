// A step-mode challenge: three unsynchronised increments; the learner makes the check fail by hand.
import ParLearnKit

scenario("three increments") {
    let hits = Shared(0, "hits")
    let workers = (1...3).map { i in spawn("T\(i)") { hits.value += 1 } }
    for w in workers { w.join() }
    let total = hits.value
    check(total == 3, "hits is \(total), expected 3")
}
