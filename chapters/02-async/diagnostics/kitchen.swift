// A non-Sendable order sent into an actor and then used again: the chapter quotes what
// swiftc says about it, and a test checks the quote against today's compiler.
final class Order {
    var item: String
    init(item: String) { self.item = item }
}

actor Kitchen {
    private var orders: [Order] = []
    func submit(_ order: Order) { orders.append(order) }
}

func serve(_ kitchen: Kitchen) async {
    let order = Order(item: "tea")
    await kitchen.submit(order)
    print(order.item)
}
