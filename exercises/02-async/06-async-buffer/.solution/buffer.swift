import ParLearnKit

/// A queue between tasks, like `asyncio.Queue(maxsize=capacity)`: `send` suspends while the
/// buffer is full, and `receive` suspends while it is empty. Values come out in the order they
/// went in.
actor AsyncBuffer<Element: Sendable> {
    let capacity: Int
    private var items: [Element] = []
    /// Senders waiting for room, oldest first.
    private var senders: [CheckedContinuation<Void, Never>] = []
    /// Receivers waiting for a value, oldest first. A cancellation handler runs outside the
    /// actor, on the thread of whoever cancels, so this list sits behind a lock of its own:
    /// whichever of `send` and the handler takes a receiver out first is the one that resumes it.
    private let receivers = Mutex<[(id: Int, continuation: CheckedContinuation<Element?, Never>)]>([], "receivers")
    private var nextReceiver = 0

    init(capacity: Int) {
        precondition(capacity > 0, "a buffer needs room for at least one value")
        self.capacity = capacity
    }

    /// How many values are buffered now.
    var count: Int { items.count }

    /// Hands `value` to the oldest waiting receiver, or buffers it; while the buffer is full,
    /// waits for a receive to make room first.
    func send(_ value: Element) async {
        // `while`, not `if`: another sender may take the room between the wakeup and this line.
        while items.count >= capacity {
            await withCheckedContinuation { senders.append($0) }
        }
        if let receiver = receivers.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) {
            receiver.continuation.resume(returning: value)
        } else {
            items.append(value)
        }
    }

    /// The oldest value, waiting for one while the buffer is empty. Returns nil if the
    /// receiving task is cancelled while it waits (or before): a cancelled consumer must not
    /// hang, and a value sent later goes to a receiver still waiting instead.
    func receive() async -> Element? {
        if !items.isEmpty {
            let value = items.removeFirst()
            if !senders.isEmpty { senders.removeFirst().resume() }    // room for one sender
            return value
        }
        let id = nextReceiver
        nextReceiver += 1
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                receivers.withLock { waiting in
                    // Checked under the lock: a handler that ran before this line finds nothing
                    // to remove, so this is the place that sees the cancellation.
                    if Task.isCancelled {
                        continuation.resume(returning: nil)
                    } else {
                        waiting.append((id, continuation))
                    }
                }
            }
        } onCancel: {
            let removed = receivers.withLock { waiting in
                waiting.firstIndex { $0.id == id }.map { waiting.remove(at: $0) }
            }
            removed?.continuation.resume(returning: nil)
        }
    }
}
