// The check for threads-barrier. It belongs to the workbook: edit barrier.swift, not this file.
import ParLearnKit

/// `parties` workers each compute `rounds` rounds of a simulation; a worker may start a round
/// only once every worker has finished the previous one.
func simulate(parties: Int, rounds: Int) {
    let barrier = Barrier(parties: parties)
    let reached = (0..<parties).map { Atomic(0, "W\($0 + 1).round") }
    let workers = (0..<parties).map { me in
        spawn("W\(me + 1)") {
            for round in 1...rounds {
                reached[me].store(round)
                barrier.arriveAndWait()
                for other in 0..<parties where other != me {
                    let theirs = reached[other].load()
                    check(theirs >= round,
                          "W\(me + 1) got past the barrier of round \(round) while W\(other + 1) had reached only round \(theirs)")
                }
            }
        }
    }
    for worker in workers { worker.join() }
}

scenario("two workers, three rounds") {
    simulate(parties: 2, rounds: 3)
}

scenario("three workers, two rounds") {
    simulate(parties: 3, rounds: 2)
}
