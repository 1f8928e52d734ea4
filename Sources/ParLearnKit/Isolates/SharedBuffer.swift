/// The memory behind ``SharedBuffer`` and ``OwnedBuffer``: plain memory in a plain run, and
/// under the checker a scheduling point and a race check per element access.
final class BufferCore<Element: BitwiseCopyable & Sendable>: @unchecked Sendable {
    // @unchecked: unsynchronised on purpose in plain mode (a shared buffer is the lesson);
    // under the checker only one controlled thread runs at a time.
    let name: String
    let memory: UnsafeMutableBufferPointer<Element>
    private let execution: Execution?
    private var histories: [AccessHistory]

    init(_ elements: [Element], name: String) {
        self.name = name
        memory = .allocate(capacity: elements.count)
        _ = memory.initialize(from: elements)
        execution = currentExecution
        histories = execution == nil ? [] : Array(repeating: AccessHistory(), count: elements.count)
    }

    deinit { memory.deallocate() }

    subscript(index: Int) -> Element {
        get {
            guard let execution else { return memory[index] }
            let me = execution.point("read \(name)[\(index)]")
            let value = memory[index]
            let step = execution.trace(me, "read \(name)[\(index)]", "\(value)")
            if let race = histories[index].read(by: me.id, clock: me.clock, step: step) {
                execution.noteLatent(.race(RaceFinding(variable: "\(name)[\(index)]", earlier: race.earlier,
                                                       later: race.later)))
            }
            return value
        }
        set {
            guard let execution else {
                memory[index] = newValue
                return
            }
            let me = execution.point("write \(name)[\(index)] = \(newValue)")
            memory[index] = newValue
            let step = execution.trace(me, "write \(name)[\(index)]", "\(newValue)")
            if let race = histories[index].write(by: me.id, clock: me.clock, step: step) {
                execution.noteLatent(.race(RaceFinding(variable: "\(name)[\(index)]", earlier: race.earlier,
                                                       later: race.later)))
            }
        }
    }
}

/// A buffer every isolate may read and write without copying, like a `memoryview` over shared
/// memory passed through an `interpreters.Queue`.
///
/// It is shareable: it can be captured by isolate code and put on an ``IsolateQueue``. Nothing
/// coordinates the isolates that use it, so two of them writing the same element without a
/// queue, a lock or a join between them is a data race, which the checker reports.
/// To give a buffer to one isolate at a time, use an ``OwnedBuffer`` and hand it over.
///
/// ```swift
/// let pixels = SharedBuffer([UInt8](repeating: 0, count: 4), "pixels")
/// pixels[0] = 255
/// ```
public final class SharedBuffer<Element: BitwiseCopyable & Sendable>: SharesByReference {
    private let core: BufferCore<Element>

    /// A buffer holding a copy of `elements`, named `name` in traces.
    public init(_ elements: [Element], _ name: String = "buffer") {
        core = BufferCore(elements, name: name)
    }

    /// The name traces and race reports use, with the index: `balances[0]`.
    public var name: String { core.name }
    /// The number of elements.
    public var count: Int { core.memory.count }

    /// Reads or writes one element in place; under the checker a scheduling point.
    public subscript(index: Int) -> Element {
        get { core[index] }
        set { core[index] = newValue }
    }
}

/// A buffer that belongs to one isolate at a time: not `Sendable`, so it can only cross to
/// another isolate by being handed over with `sending` (``Isolate/run(handing:_:)``), after
/// which the compiler rejects any use by the sender:
///
/// ```
/// error: sending 'ledger' risks causing data races
/// note: 'ledger' used after being passed as a 'sending' parameter; Later uses could race
/// ```
///
/// This is region-based isolation (SE-0414) with `sending` (SE-0430): "move, don't copy",
/// which Python cannot express.
public final class OwnedBuffer<Element: BitwiseCopyable & Sendable> {
    private let core: BufferCore<Element>

    /// A buffer holding a copy of `elements`, named `name` in traces.
    public init(_ elements: [Element], _ name: String = "buffer") {
        core = BufferCore(elements, name: name)
    }

    /// The name traces and race reports use, with the index: `balances[0]`.
    public var name: String { core.name }
    /// The number of elements.
    public var count: Int { core.memory.count }

    /// Reads or writes one element in place; under the checker a scheduling point.
    public subscript(index: Int) -> Element {
        get { core[index] }
        set { core[index] = newValue }
    }
}
