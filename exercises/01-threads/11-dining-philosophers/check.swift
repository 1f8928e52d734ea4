// The check for threads-dining-philosophers. It belongs to the workbook: edit table.swift, not
// this file.
import ParLearnKit

/// Seats `seats` philosophers, each eating `meals` times; checks that no two neighbours ever
/// eat at once (they would share a fork) and that every meal is eaten.
func dinner(seats: Int, meals: Int) {
    let table = Table(seats: seats)
    let eating = (0..<seats).map { Atomic(false, "eating\($0)") }
    let eaten = Atomic(0, "meals")
    let philosophers = (0..<seats).map { seat in
        spawn("P\(seat)") {
            for _ in 0..<meals {
                dine(seat, at: table) {
                    eating[seat].store(true)
                    for neighbour in [(seat + seats - 1) % seats, (seat + 1) % seats] {
                        check(!eating[neighbour].load(),
                              "P\(seat) and P\(neighbour) ate at the same time, but they share a fork")
                    }
                    eaten.wrappingAdd(1)
                    eating[seat].store(false)
                }
            }
        }
    }
    for philosopher in philosophers { philosopher.join() }
    check(eaten.load() == seats * meals, "\(eaten.load()) meals were eaten, expected \(seats * meals)")
}

scenario("three philosophers") {
    dinner(seats: 3, meals: 1)
}

scenario("four philosophers") {
    dinner(seats: 4, meals: 1)
}
