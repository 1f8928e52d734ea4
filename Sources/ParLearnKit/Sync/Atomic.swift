import Synchronization

/// An atomic value shaped like `Synchronization.Atomic`, but a class (so it can be shared by
/// capture) and visible to the checker.
///
/// Under the checker every operation is a scheduling point and is modelled as sequentially
/// consistent, whatever `ordering` says (as AWS Shuttle does): bugs that need a weaker memory
/// order cannot be found. In a plain run the operations are really atomic.
///
/// ```swift
/// let hits = Atomic(0, "hits")
/// hits.wrappingAdd(1, ordering: .relaxed)
/// ```
public final class Atomic<Value: Sendable & Equatable>: @unchecked Sendable {
    // @unchecked: the value sits in a Synchronization.Mutex, which makes each operation atomic
    // in plain mode; under the checker only one controlled thread runs at a time.
    private let storage: Synchronization.Mutex<Value>
    /// The name traces and reports use.
    public let name: String
    private let execution: Execution?
    private var clock = VectorClock()
    private var spin = SpinWatch()

    /// An atomic holding `value`, named `name` in traces.
    public init(_ value: Value, _ name: String = "atomic") {
        storage = Synchronization.Mutex(value)
        self.name = name
        execution = currentExecution
        execution?.watch { [weak self] _ in
            self.map { me in PrimitiveState(kind: "Atomic", name: me.name, value: me.storage.withLock { "\($0)" }) }
        }
    }

    /// Reads the value in one indivisible step.
    public func load(ordering: AtomicLoadOrdering = .sequentiallyConsistent) -> Value {
        operate("load") { value, describe in (value, describe ? "\(value)" : "") }
    }

    /// Writes the value in one indivisible step.
    public func store(_ desired: Value, ordering: AtomicStoreOrdering = .sequentiallyConsistent) {
        operate("store") { value, describe in
            value = desired
            return ((), describe ? "\(desired)" : "")
        }
    }

    /// Stores `desired` and returns the value it replaced.
    public func exchange(_ desired: Value, ordering: AtomicUpdateOrdering = .sequentiallyConsistent) -> Value {
        operate("exchange") { value, describe in
            let old = value
            value = desired
            return (old, describe ? "\(old) → \(desired)" : "")
        }
    }

    /// Stores `desired` if the value equals `expected`; returns whether it did and the value found.
    public func compareExchange(expected: Value, desired: Value,
                                ordering: AtomicUpdateOrdering = .sequentiallyConsistent) -> (exchanged: Bool, original: Value) {
        operate("compareExchange") { value, describe in
            let original = value
            let exchanged = original == expected
            if exchanged { value = desired }
            guard describe else { return ((exchanged, original), "") }
            return ((exchanged, original), exchanged ? "\(original) → \(desired)" : "\(original) ≠ \(expected), unchanged")
        }
    }

    /// One atomic step: a scheduling point, then `body` on the value as one indivisible action.
    /// Every atomic is an acquire and a release of its own clock (sequential consistency).
    /// `body` describes the step ("1 → 2") only when its second argument says a trace is being
    /// recorded: formatting a generic value costs more than the rest of the step.
    fileprivate func operate<R>(_ operation: String, _ body: (inout Value, Bool) -> (R, String)) -> R {
        guard let execution else { return storage.withLock { body(&$0, false).0 } }
        let me = execution.point("\(operation)(\(name))")
        let describe = execution.recorder != nil
        let (result, shown, changed) = storage.withLock { value in
            let before = value
            let (result, shown) = body(&value, describe)
            return (result, shown, value != before)
        }
        if changed {
            spin.wrote(by: me)
        } else if spin.read(by: me) {
            execution.giveWay(me)
        }
        me.clock.join(clock)
        clock = me.clock
        me.clock.tick(me.id)
        execution.trace(me, "\(operation)(\(name))", shown)
        return result
    }
}

extension Atomic where Value: FixedWidthInteger {
    /// Adds with wrap-around; returns the values before and after.
    @discardableResult
    /// Adds `operand` as one indivisible read-modify-write; no update is lost.
    public func wrappingAdd(_ operand: Value, ordering: AtomicUpdateOrdering = .sequentiallyConsistent) -> (oldValue: Value, newValue: Value) {
        operate("wrappingAdd") { value, describe in
            let old = value
            value = old &+ operand
            return ((old, value), describe ? "\(old) → \(value)" : "")
        }
    }

    @discardableResult
    /// Subtracts `operand` as one indivisible read-modify-write; no update is lost.
    public func wrappingSubtract(_ operand: Value, ordering: AtomicUpdateOrdering = .sequentiallyConsistent) -> (oldValue: Value, newValue: Value) {
        operate("wrappingSubtract") { value, describe in
            let old = value
            value = old &- operand
            return ((old, value), describe ? "\(old) → \(value)" : "")
        }
    }
}
