// The check for async-ticket-form. It belongs to the workbook: edit tickets.swift, not this file.
import ParLearnKit

/// The kitchen: tickets arrive from the tills and are cooked in the order they arrive.
actor Kitchen {
    private var tickets: [Ticket] = []

    func submit(_ ticket: Ticket) async {
        await sleep(for: .milliseconds(2))      // the ticket printer in the kitchen
        tickets.append(ticket)
    }

    /// What the cooks read off the tickets when they cook, e.g. "table 4: 2 × soup".
    var board: [String] { tickets.map { "table \($0.table): \($0.quantity) × \($0.dish)" } }
}

scenario("one table orders three dishes") {
    let kitchen = Kitchen()
    await sendOrder(table: 4, lines: [("soup", 2), ("bread", 1), ("tart", 3)], to: kitchen)
    let board = await kitchen.board
    let expected = ["table 4: 2 × soup", "table 4: 1 × bread", "table 4: 3 × tart"]
    check(board == expected, "the kitchen reads \(board), expected \(expected)")
}

scenario("two tills send orders at once") {
    let kitchen = Kitchen()
    let one = spawnTask("till 1") { await sendOrder(table: 1, lines: [("soup", 1), ("fish", 2)], to: kitchen) }
    let two = spawnTask("till 2") { await sendOrder(table: 2, lines: [("salad", 3), ("cake", 1)], to: kitchen) }
    _ = await (one.value, two.value)
    let board = await kitchen.board
    for (table, expected) in [(1, ["table 1: 1 × soup", "table 1: 2 × fish"]), (2, ["table 2: 3 × salad", "table 2: 1 × cake"])] {
        let mine = board.filter { $0.hasPrefix("table \(table):") }
        check(mine == expected, "table \(table)'s tickets read \(mine) in the kitchen, expected \(expected) in that order")
    }
}
