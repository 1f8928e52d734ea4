import ParLearnKit

/// A queue between tasks, like `asyncio.Queue(maxsize=capacity)`: `send` suspends while the
/// buffer is full, and `receive` suspends while it is empty. Values come out in the order they
/// went in.
actor AsyncBuffer<Element: Sendable> {
    let capacity: Int
    private var items: [Element] = []
    /// Receivers waiting for a value, oldest first.
    private var receivers: [CheckedContinuation<Element?, Never>] = []

    init(capacity: Int) {
        precondition(capacity > 0, "a buffer needs room for at least one value")
        self.capacity = capacity
    }

    /// How many values are buffered now.
    var count: Int { items.count }

    /// Hands `value` to the oldest waiting receiver, or buffers it.
    func send(_ value: Element) async {
        // TODO: backpressure. While `capacity` values are buffered, `send` must suspend until a
        // `receive` makes room, as `await queue.put(x)` does on a full asyncio.Queue. Today the
        // buffer grows without limit, like an AsyncStream with the default policy.
        if !receivers.isEmpty {
            receivers.removeFirst().resume(returning: value)
        } else {
            items.append(value)
        }
    }

    /// The oldest value, waiting for one while the buffer is empty.
    func receive() async -> Element? {
        if !items.isEmpty {
            return items.removeFirst()
        }
        // TODO: a consumer whose task is cancelled while it waits here waits forever. It must
        // return nil instead, and a value sent later must go to a receiver still waiting (or
        // into the buffer), never to the cancelled one.
        return await withCheckedContinuation { receivers.append($0) }
    }
}
