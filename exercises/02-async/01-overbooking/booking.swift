import ParLearnKit

// `Payments`, the card payment service on the other side of the network, lives in check.swift.

/// The seats left for a concert. Fans book from many tasks at once.
actor Venue {
    private(set) var seatsLeft: Int
    private(set) var booked: [String: Int] = [:]
    private let payments: Payments

    init(seats: Int, payments: Payments) {
        seatsLeft = seats
        self.payments = payments
    }

    /// Books `seats` for `fan` if that many are left and the card is accepted; returns whether
    /// it did. A fan who is refused, for either reason, gets nothing and pays nothing.
    func book(_ seats: Int, for fan: String) async -> Bool {
        guard seatsLeft >= seats else { return false }
        // TODO: this `await` suspends the actor. While the card is being charged, other
        // `book` calls run on this actor and see the same seats still free. The check above
        // is stale by the time the line below runs.
        let paid = await payments.charge(fan, cents: seats * 4_000)
        guard paid else { return false }
        seatsLeft -= seats
        booked[fan, default: 0] += seats
        return true
    }
}
