import ParLearnKit

/// A round table: seat `i` has fork `i` on its left and fork `(i + 1) % seats` on its right,
/// so each fork lies between two philosophers.
final class Table: Sendable {
    let forks: [Lock]

    init(seats: Int) {
        forks = (0..<seats).map { Lock("fork\($0)") }
    }

    func left(of seat: Int) -> Int { seat }
    func right(of seat: Int) -> Int { (seat + 1) % forks.count }
}

/// The philosopher at `seat` picks up both neighbouring forks, eats, and puts them down.
func dine(_ seat: Int, at table: Table, eat: () -> Void) {
    // TODO: every philosopher reaches for the left fork first. If all of them pick it up at
    // the same moment, each waits for the right fork, which a neighbour holds, forever.
    let left = table.forks[table.left(of: seat)]
    let right = table.forks[table.right(of: seat)]
    left.withLock {
        right.withLock {
            eat()
        }
    }
}
