/// A FIFO queue between isolates that carries only shareable values, like PEP 734's
/// `interpreters.Queue`.
///
/// The element type must be `Sendable`, so the compiler rejects a queue of plain classes:
///
/// ```
/// error: type 'Account' does not conform to the 'Sendable' protocol
/// ```
///
/// What the compiler cannot see (a `Sendable` class instance, an `any Sendable` holding one)
/// `put` refuses at run time with ``IsolateError/notShareable(type:)``, naming the type.
/// `get` waits for a value and returns nil once the queue is closed and drained; `put` after
/// ``close()`` throws ``IsolateError/queueClosed(queue:)``. A queue is itself shareable.
///
/// ```swift
/// let results = IsolateQueue<Int>("results")
/// try results.put(42)
/// let first = results.get()      // 42
/// ```
public final class IsolateQueue<Element: Sendable>: SharesByReference {
    private let channel: Channel<Element>
    /// The name traces and errors use.
    public let name: String

    /// `maxSize` 0 means unbounded, as in Python; otherwise `put` waits while the queue is full.
    public init(_ name: String = "queue", maxSize: Int = 0) {
        self.name = name
        channel = Channel(capacity: maxSize > 0 ? maxSize : Int.max, name, verbs: ("put(%)", "get(%)"), kind: "queue")
    }

    /// Adds `value`; under the checker a scheduling point. Throws if it is not shareable or the
    /// queue is closed; the queue is unchanged then.
    public func put(_ value: Element) throws(IsolateError) {
        try Shareability.check(value)
        do {
            try channel.send(value)
        } catch {
            throw .queueClosed(queue: name)
        }
    }

    /// The next value, waiting for one; nil once the queue is closed and empty.
    public func get() -> Element? { channel.receive() }

    /// Closes the queue: later puts throw, and `get` drains what is left, then returns nil.
    public func close() { channel.close() }
}
