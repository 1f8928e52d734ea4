// The check for threads-counter. It belongs to the workbook: edit tickets.swift, not this file.
import ParLearnKit

/// Every customer takes `each` tickets; the numbers must be exactly 1...customers*each.
func customersTakeTickets(_ customers: Int, each: Int) {
    let dispenser = TicketDispenser()
    let threads = (1...customers).map { i in
        spawn("C\(i)") { (1...each).map { _ in dispenser.take() } }
    }
    let tickets = threads.flatMap { $0.join() }.sorted()
    let total = customers * each
    check(tickets == Array(1...total),
          "the customers got tickets \(tickets), expected each of 1...\(total) exactly once")
    check(dispenser.issued == total, "issued is \(dispenser.issued) after \(total) tickets, expected \(total)")
}

scenario("two customers take one ticket each") {
    customersTakeTickets(2, each: 1)
}

scenario("three customers take two tickets each") {
    customersTakeTickets(3, each: 2)
}
