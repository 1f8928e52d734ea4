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
    // Like a paper pad at the till: one form, filled in again for every line.
    let form = Ticket(table: table, dish: "", quantity: 0)
    for line in lines {
        form.dish = line.dish
        form.quantity = line.quantity
        // TODO: Swift 6 refuses this line. Read its error and notes, then change the code so
        // that it compiles AND every ticket the kitchen holds still says what it said when sent.
        await kitchen.submit(form)
    }
}
