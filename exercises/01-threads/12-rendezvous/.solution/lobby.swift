import ParLearnKit

/// Where the two players of a match meet: `hostReady()` and `guestReady()` each return only
/// once both players have called theirs, so neither starts a round before the other has
/// loaded it. The lobby is used again for every round.
final class Lobby: Sendable {
    private let hostArrived = Semaphore(value: 0, "hostArrived")
    private let guestArrived = Semaphore(value: 0, "guestArrived")

    // Announce first, then wait: a semaphore keeps the count, so a signal sent before the
    // other player waits is not lost. Each waits on the other's semaphore, never its own.
    func hostReady() {
        hostArrived.signal()
        guestArrived.wait()
    }

    func guestReady() {
        guestArrived.signal()
        hostArrived.wait()
    }
}
