/// A shared variable whose every read and write the checker sees.
///
/// Under the checker each `get` and `set` of ``value`` is a scheduling point, is traced with
/// the value, and is checked for data races with happens-before clocks. In a plain run it is
/// an ordinary unsynchronised variable: reading and writing it from two threads without a lock
/// is a real data race, which is exactly what the racy chapter programs demonstrate.
///
/// ```swift
/// let counter = Shared(0, "counter")
/// counter.value += 1        // a read, then a write: another thread may run in between
/// ```
public final class Shared<Value: Sendable>: @unchecked Sendable {
    // @unchecked: unsynchronised on purpose in plain mode (the lesson); under the checker only
    // one controlled thread runs at a time. No field needs dynamic exclusivity checks: each
    // access is one short read or write (and they only ever catch overlaps on one thread).
    @exclusivity(unchecked) private var stored: Value
    /// The name traces and reports use.
    public let name: String
    private let execution: Execution?
    @exclusivity(unchecked) private var history = AccessHistory()
    @exclusivity(unchecked) private var spin = SpinWatch()

    /// A shared variable holding `value`, named `name` in traces and race reports.
    public init(_ value: Value, _ name: String) {
        stored = value
        self.name = name
        execution = currentExecution
        execution?.watch { [weak self] _ in
            self.map { PrimitiveState(kind: "Shared", name: $0.name, value: "\($0.stored)") }
        }
    }

    /// Reads or writes; `value += 1` is a read and then a separate write.
    public var value: Value {
        get { read() }
        set { write(newValue) }
    }

    /// Reads the value: one scheduling point under the checker.
    public func read() -> Value {
        guard let execution else { return stored }
        let me = execution.point("read \(name)")
        if spin.read(by: me) { execution.giveWay(me) }
        let step = execution.trace(me, "read \(name)", "\(stored)")
        if let race = history.read(by: me.id, clock: me.clock, step: step) {
            execution.noteLatent(.race(RaceFinding(variable: name, earlier: race.earlier, later: race.later)))
        }
        return stored
    }

    /// Writes the value: one scheduling point under the checker.
    public func write(_ newValue: Value) {
        guard let execution else {
            stored = newValue
            return
        }
        let me = execution.point("write \(name) = \(newValue)")
        stored = newValue
        spin.wrote(by: me)
        let step = execution.trace(me, "write \(name)", "\(newValue)")
        if let race = history.write(by: me.id, clock: me.clock, step: step) {
            execution.noteLatent(.race(RaceFinding(variable: name, earlier: race.earlier, later: race.later)))
        }
    }
}
