import ParLearnKit

/// The head waiter of a round table with `philosophers` seats. A philosopher calls
/// `sitDown()` before reaching for any fork and `standUp()` after putting both down.
final class Waiter: Sendable {
    // One chair fewer than philosophers: with at most n − 1 of them reaching for forks, one
    // of them always finds both forks free, eats, and frees them for the others.
    private let chairs: Semaphore

    init(philosophers: Int) {
        chairs = Semaphore(value: philosophers - 1, "chairs")
    }

    func sitDown() {
        chairs.wait()
    }

    func standUp() {
        chairs.signal()
    }
}
