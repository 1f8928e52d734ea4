import ParLearnKit

/// Where the two players of a match meet: `hostReady()` and `guestReady()` each return only
/// once both players have called theirs, so neither starts a round before the other has
/// loaded it. The lobby is used again for every round.
final class Lobby: Sendable {
    private let hostArrived = Semaphore(value: 0, "hostArrived")
    private let guestArrived = Semaphore(value: 0, "guestArrived")

    func hostReady() {
        // TODO: the host waits for the guest before saying it has arrived, and the guest
        // does the same. Each waits for a signal the other never gets to send.
        guestArrived.wait()
        hostArrived.signal()
    }

    func guestReady() {
        hostArrived.wait()
        guestArrived.signal()
    }
}
