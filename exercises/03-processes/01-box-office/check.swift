import ParLearnKit

let sellTickets = EntryPoint("sell tickets") { (booking: Booking) in sell(booking) }

processScenario("two box offices") {
    let seats = try SharedMemory("seatsLeft", count: 1, initialValue: 10)
    let a = try spawnProcess("office A", sellTickets, input: Booking(seatsLeft: seats, tickets: 2))
    let b = try spawnProcess("office B", sellTickets, input: Booking(seatsLeft: seats, tickets: 2))
    try a.join()
    try b.join()
    let left = seats.load(at: 0)
    check(left == 6, "\(left) seats left after selling 4 of 10, expected 6")
}
