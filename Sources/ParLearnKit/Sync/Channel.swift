/// Thrown by ``Channel/send(_:)`` on a closed channel.
public struct ChannelClosed: Error, Sendable, Equatable {
    public let channel: String
}

/// A bounded FIFO channel between threads, like Go's buffered channels.
///
/// `send` waits while the channel is full; `receive` waits while it is empty and returns nil
/// once it is closed and drained; sending on a closed channel throws ``ChannelClosed``.
public final class Channel<Element: Sendable>: @unchecked Sendable {
    // @unchecked: plain mode guards the buffer with `mutex`; controlled state is used by one
    // running thread at a time.
    public let name: String
    public let capacity: Int
    private var buffer: [(element: Element, clock: VectorClock)] = []
    private var head = 0
    private var closed = false
    private var closeClock = VectorClock()
    private let execution: Execution?
    private let mutex: PosixMutex?
    private let changed: PosixCondition?
    private var room: Gate!
    private var items: Gate!

    public init(capacity: Int, _ name: String = "channel") {
        precondition(capacity >= 1, "a channel needs a capacity of at least 1")
        self.name = name
        self.capacity = capacity
        execution = currentExecution
        mutex = execution == nil ? PosixMutex() : nil
        changed = execution == nil ? PosixCondition() : nil
        room = Gate("room in channel \(name)") { [unowned self] in closed || count < capacity }
        items = Gate("a value from channel \(name)") { [unowned self] in closed || count > 0 }
    }

    private var count: Int { buffer.count - head }

    public func send(_ element: Element) throws(ChannelClosed) {
        guard let execution else {
            mutex!.lock()
            defer { mutex!.unlock() }
            while !closed && count >= capacity { changed!.wait(mutex!) }
            guard !closed else { throw ChannelClosed(channel: name) }
            buffer.append((element, VectorClock()))
            changed!.broadcast()
            return
        }
        let me = execution.point("send(\(name)) \(element)", waitingFor: room)
        guard !closed else {
            execution.trace(me, "send(\(name))", "\(element): channel closed")
            throw ChannelClosed(channel: name)
        }
        buffer.append((element, me.clock))
        me.clock.tick(me.id)
        execution.trace(me, "send(\(name))", "\(element)")
    }

    /// The next element; nil once the channel is closed and empty.
    public func receive() -> Element? {
        guard let execution else {
            return mutex!.withLock {
                while !closed && count == 0 { changed!.wait(mutex!) }
                let element = take()?.element
                changed!.broadcast()
                return element
            }
        }
        let me = execution.point("receive(\(name))", waitingFor: items)
        guard let (element, clock) = take() else {
            me.clock.join(closeClock)
            execution.trace(me, "receive(\(name))", "nil: closed")
            return nil
        }
        me.clock.join(clock)
        execution.trace(me, "receive(\(name))", "\(element)")
        return element
    }

    /// Closes the channel: later sends throw, receivers drain what is left and then get nil.
    public func close() {
        guard let execution else {
            mutex!.withLock { closed = true }
            changed!.broadcast()
            return
        }
        let me = execution.point("close(\(name))")
        closed = true
        closeClock = me.clock
        me.clock.tick(me.id)
        execution.trace(me, "close(\(name))")
    }

    private func take() -> (element: Element, clock: VectorClock)? {
        guard count > 0 else { return nil }
        let item = buffer[head]
        head += 1
        if head > 32 && head * 2 > buffer.count {
            buffer.removeFirst(head)
            head = 0
        }
        return item
    }
}

/// A blocker that opens when a condition on its owner holds.
final class Gate: Blocker {
    let waitDescription: String
    private let isOpen: () -> Bool

    init(_ description: String, _ isOpen: @escaping () -> Bool) {
        waitDescription = description
        self.isOpen = isOpen
    }

    func allows(_ thread: ControlledThread) -> Bool { isOpen() }
    var holder: ControlledThread? { nil }
}
