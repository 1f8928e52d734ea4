// The check for threads-dining-waiter. It belongs to the workbook: edit waiter.swift, not this
// file. The philosophers' etiquette is fixed here: left fork first, always.
import ParLearnKit

scenario("three philosophers and a waiter") {
    let seats = 3
    let waiter = Waiter(philosophers: seats)
    let forks = (0..<seats).map { Semaphore(value: 1, "fork\($0)") }
    let eating = (0..<seats).map { Atomic(false, "eating\($0)") }
    let philosophers = (0..<seats).map { seat in
        spawn("P\(seat)") {
            let (left, right) = (seat, (seat + 1) % seats)
            waiter.sitDown()
            forks[left].wait()
            forks[right].wait()
            eating[seat].store(true)
            for neighbour in [(seat + seats - 1) % seats, right] {
                check(!eating[neighbour].load(), "P\(seat) and P\(neighbour) ate at the same time, but they share a fork")
            }
            eating[seat].store(false)
            forks[right].signal()
            forks[left].signal()
            waiter.standUp()
        }
    }
    for philosopher in philosophers { philosopher.join() }
}

scenario("three of four sit at once") {
    // A waiter who lets only one philosopher sit at a time never deadlocks, but the table
    // would eat one at a time. Three guests who each wait at the table until all three sit
    // get through only if the waiter seats three of four together.
    let waiter = Waiter(philosophers: 4)
    let seated = Semaphore(value: 0, "seated")
    let allSeated = Semaphore(value: 0, "allSeated")
    let guests = (1...3).map { i in
        spawn("P\(i)") {
            waiter.sitDown()
            seated.signal()
            allSeated.wait()
            waiter.standUp()
        }
    }
    for _ in 1...3 { seated.wait() }
    for _ in 1...3 { allSeated.signal() }
    for guest in guests { guest.join() }
}
