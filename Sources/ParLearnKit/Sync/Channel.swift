/// Thrown by ``Channel/send(_:)`` on a closed channel.
public struct ChannelClosed: Error, Sendable, Equatable {
    /// The name of the closed channel.
    public let channel: String
}

/// A bounded FIFO channel between threads, like Go's buffered channels.
///
/// `send` waits while the channel is full; `receive` waits while it is empty and returns nil
/// once it is closed and drained; sending on a closed channel throws ``ChannelClosed``.
public final class Channel<Element: Sendable>: @unchecked Sendable {
    // @unchecked: plain mode guards the buffer with its monitor; controlled state is used by one
    // running thread at a time.
    /// The name traces and reports use.
    public let name: String
    /// How many elements it holds before `send` waits.
    public let capacity: Int
    private var buffer: [(element: Element, clock: VectorClock)] = []
    private var head = 0
    private var closed = false
    private var closeClock = VectorClock()
    private let backing: Backing<PosixMonitor>
    private var room: Gate!
    private var items: Gate!
    /// How traces name the operations, `%` standing for the name: "send(%)", "put(%)"…
    private let verbs: (send: String, receive: String)

    /// An empty open channel holding up to `capacity` elements.
    public convenience init(capacity: Int, _ name: String = "channel") {
        self.init(capacity: capacity, name, verbs: ("send(%)", "receive(%)"), kind: "channel")
    }

    /// `idle`: a receiver blocked here at the end of a schedule is an idle worker, not a
    /// deadlock; the schedule closes the channel so that it finishes (see ``Execution``).
    init(capacity: Int, _ name: String, verbs: (send: String, receive: String), kind: String, idle: Bool = false) {
        precondition(capacity >= 1, "a channel needs a capacity of at least 1")
        self.name = name
        self.capacity = capacity
        let named = { (verb: String) in
            verb.split(separator: "%", omittingEmptySubsequences: false).joined(separator: name)
        }
        self.verbs = (named(verbs.send), named(verbs.receive))
        backing = .current(PosixMonitor.init)
        room = Gate("room in \(kind) \(name)") { [unowned self] in closed || count < capacity }
        items = Gate("a value from \(kind) \(name)") { [unowned self] in closed || count > 0 }
        if idle { items.closeWhenIdle = { [unowned self] in closed = true } }
    }

    private var count: Int { buffer.count - head }

    /// Appends `element`, waiting while the channel is full; throws once it is closed.
    public func send(_ element: Element) throws(ChannelClosed) {
        switch backing {
        case .plain(let monitor):
            try monitor.withLock { () throws(ChannelClosed) in
                while !closed && count >= capacity { monitor.wait() }
                guard !closed else { throw ChannelClosed(channel: name) }
                buffer.append((element, VectorClock()))
                monitor.broadcast()
            }
        case .controlled(let execution):
            let me = execution.point("\(verbs.send) \(element)", waitingFor: room)
            guard !closed else {
                execution.trace(me, verbs.send, "\(element): closed")
                throw ChannelClosed(channel: name)
            }
            buffer.append((element, me.clock))
            me.clock.tick(me.id)
            execution.trace(me, verbs.send, "\(element)")
        }
    }

    /// The next element; nil once the channel is closed and empty.
    public func receive() -> Element? { receive(plainTimeout: nil) }

    /// `receive()`, giving up after `plainTimeout` seconds in a plain run (nil, as if closed).
    /// Under the checker it waits as `receive()` does: a wait nothing ends is a deadlock.
    func receive(plainTimeout: Double?) -> Element? {
        switch backing {
        case .plain(let monitor):
            let deadline = plainTimeout.map(PosixCondition.deadline(in:))
            return monitor.withLock {
                while !closed && count == 0 {
                    guard let deadline else {
                        monitor.wait()
                        continue
                    }
                    guard monitor.wait(until: deadline) else { break }
                }
                let element = take()?.element
                monitor.broadcast()
                return element
            }
        case .controlled(let execution):
            let me = execution.point(verbs.receive, waitingFor: items)
            guard let (element, clock) = take() else {
                me.clock.join(closeClock)
                execution.trace(me, verbs.receive, "nil: closed")
                return nil
            }
            me.clock.join(clock)
            execution.trace(me, verbs.receive, "\(element)")
            return element
        }
    }

    /// Closes the channel: later sends throw, receivers drain what is left and then get nil.
    public func close() {
        switch backing {
        case .plain(let monitor):
            monitor.withLock { closed = true }
            monitor.broadcast()
        case .controlled(let execution):
            let me = execution.point("close(\(name))")
            closed = true
            closeClock = me.clock
            me.clock.tick(me.id)
            execution.trace(me, "close(\(name))")
        }
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
    /// Set for an isolate's mailbox: opens the gate when only idle workers are left.
    var closeWhenIdle: (() -> Void)?

    init(_ description: String, _ isOpen: @escaping () -> Bool) {
        waitDescription = description
        self.isOpen = isOpen
    }

    func allows(_ thread: ControlledThread) -> Bool { isOpen() }
    var holder: ControlledThread? { nil }
}
