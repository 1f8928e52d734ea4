import ParLearnKit

/// A box office's job: the region that holds the seats left, and how many tickets to sell.
struct Booking: Codable, Sendable {
    var seatsLeft: SharedMemory
    var tickets: Int
}

/// Runs in a worker process, while another office sells from the same region.
func sell(_ booking: Booking) {
    for _ in 0..<booking.tickets {
        // TODO: another process can sell between this load and this store.
        booking.seatsLeft[0] -= 1
    }
}
