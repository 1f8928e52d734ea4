// The program whose outcomes the learner predicts: two unsynchronised increments.
import ParLearnKit

scenario("two increments") {
    let hits = Shared(0, "hits")
    let workers = (1...2).map { i in spawn("T\(i)") { hits.value += 1 } }
    for w in workers { w.join() }
    outcome(hits.value)
}
