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
    // The lower-numbered fork first. Everyone but the last philosopher still takes the left
    // fork first; the last one takes fork 0, on the right, first. The circle of "holds one,
    // waits for the next" can no longer close.
    let (a, b) = (table.left(of: seat), table.right(of: seat))
    table.forks[min(a, b)].withLock {
        table.forks[max(a, b)].withLock {
            eat()
        }
    }
}
