import ParLearnKit

// `Kitchen`, the actor the tills send tickets to, lives in check.swift.

/// One line of an order as the kitchen reads it: which table, which dish, how many.
final class Ticket {
    var table: Int
    var dish: String
    var quantity: Int

    init(table: Int, dish: String, quantity: Int) {
        self.table = table
        self.dish = dish
        self.quantity = quantity
    }
}

/// Sends one ticket per line of the order to the kitchen, in the order of the lines.
func sendOrder(table: Int, lines: [(dish: String, quantity: Int)], to kitchen: Kitchen) async {
    for line in lines {
        // A fresh ticket per line: the till never touches it after sending it, so region-based
        // isolation lets this non-Sendable object move into the kitchen actor.
        let ticket = Ticket(table: table, dish: line.dish, quantity: line.quantity)
        await kitchen.submit(ticket)
    }
}
