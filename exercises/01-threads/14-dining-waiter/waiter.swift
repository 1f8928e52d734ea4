import ParLearnKit

/// The head waiter of a round table with `philosophers` seats. A philosopher calls
/// `sitDown()` before reaching for any fork and `standUp()` after putting both down.
final class Waiter: Sendable {
    init(philosophers: Int) {
        // TODO: a waiter who seats everyone changes nothing: all the philosophers can sit, each
        // pick up a left fork, and wait forever for a right one.
    }

    func sitDown() {
        // TODO: turn a philosopher away (make them wait) when seating them could close the circle.
    }

    func standUp() {
        // TODO: let a waiting philosopher sit.
    }
}
