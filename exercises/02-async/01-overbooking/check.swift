// The check for async-overbooking. It belongs to the workbook: edit booking.swift, not this file.
import ParLearnKit

/// A card payment service: charging takes a network round trip. Cards of customers whose
/// name starts with "declined" are refused.
actor Payments {
    private(set) var charged: [String] = []

    func charge(_ customer: String, cents: Int) async -> Bool {
        await sleep(for: .milliseconds(30))     // the round trip to the card network
        guard !customer.hasPrefix("declined") else { return false }
        charged.append(customer)
        return true
    }
}

/// Seats booked plus seats left must add up to the hall, and nobody may be overbooked.
func checkHall(_ venue: Venue, seats: Int) async {
    let left = await venue.seatsLeft
    let booked = await venue.booked
    check(left >= 0, "the venue is overbooked: \(left) seats left, bookings \(booked)")
    check(left + booked.values.reduce(0, +) == seats,
          "\(left) seats left plus bookings \(booked) do not add up to the \(seats) seats of the hall")
}

scenario("two fans want the last seats") {
    let payments = Payments()
    let venue = Venue(seats: 3, payments: payments)
    let alice = spawnTask("alice") { await venue.book(2, for: "alice") }
    let bob = spawnTask("bob") { await venue.book(2, for: "bob") }
    let got = await [alice.value, bob.value].filter { $0 }.count
    await checkHall(venue, seats: 3)
    check(got == 1, "\(got) of two fans each booked 2 of the 3 seats, expected exactly 1")
    let charged = await payments.charged
    check(charged.count == got, "\(charged) were charged, but \(got) booking(s) went through")
}

scenario("a declined card frees its seats") {
    let payments = Payments()
    let venue = Venue(seats: 2, payments: payments)
    let declined = spawnTask("declined-carol") { await venue.book(2, for: "declined-carol") }
    let dave = spawnTask("dave") { await venue.book(1, for: "dave") }
    let (carolGot, daveGot) = await (declined.value, dave.value)
    check(!carolGot, "carol's card was declined, but she got her seats")
    await checkHall(venue, seats: 2)
    // Whoever is refused for a declined card must not keep the seats from later fans.
    let erin = await venue.book(1, for: "erin")
    check(erin, "erin could not book 1 seat after carol was declined (dave booked: \(daveGot)), but the hall has 2")
    await checkHall(venue, seats: 2)
}
