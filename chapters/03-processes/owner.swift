// The other fix: no shared memory at all. One owner process keeps the balances and applies
// the transfers that the workers send it as messages, one at a time.
import ParLearnKit

// [owner]
struct Order: Codable, Sendable {
    var from: Int
    var to: Int
    var amount: Int
}

struct Books: Codable, Sendable {
    var orders: MessagePipe<Order>
    var expected: Int
}

/// The only process that touches the balances, so no lock is needed.
let keepBooks = EntryPoint("keep books") { (books: Books) -> [Int] in
    var balances = [100, 100]
    for _ in 0..<books.expected {
        let order = try books.orders.receive()
        balances[order.from] -= order.amount
        balances[order.to] += order.amount
    }
    return balances
}
// [/owner]

struct Client: Codable, Sendable {
    var orders: MessagePipe<Order>
    var order: Order
}

let placeOrder = EntryPoint("place order") { (client: Client) in try client.orders.send(client.order) }

// [scenario]
processScenario("an owner applies the transfers") {
    let orders = try MessagePipe<Order>("orders")
    let owner = try spawnProcess("owner", keepBooks, input: Books(orders: orders, expected: 2))
    let w1 = try spawnProcess("W1", placeOrder, input: Client(orders: orders, order: Order(from: 0, to: 1, amount: 30)))
    let w2 = try spawnProcess("W2", placeOrder, input: Client(orders: orders, order: Order(from: 1, to: 0, amount: 50)))
    try w1.join()
    try w2.join()
    let total = try owner.join().reduce(0, +)
    check(total == 200, "the bank holds \(total), expected 200")
}
// [/scenario]
