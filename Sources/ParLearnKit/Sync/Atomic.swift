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
    // @unchecked: in plain mode `lock` makes each operation atomic; under the checker only one
    // controlled thread runs at a time and the hand-offs order the accesses.
    /// The value, beside its lock rather than inside a `Mutex<Value>`: the kit's generic code
    /// runs unspecialised in learner programs, and reaching into a `Mutex<Value>` there looks up
    /// its generic metadata on every operation. Unchecked exclusivity: every access is one
    /// short `operate` body under `lock` or under the checker's one-thread-at-a-time rule.
    @exclusivity(unchecked) private var value: Value
    private let lock = Synchronization.Mutex(())
    /// The name traces and reports use.
    public let name: String
    private let execution: Execution?
    // Unchecked exclusivity: touched only by the running controlled thread, one access at a time.
    @exclusivity(unchecked) private var clock = VectorClock()
    @exclusivity(unchecked) private var spin = SpinWatch()

    /// An atomic holding `value`, named `name` in traces.
    public init(_ value: Value, _ name: String = "atomic") {
        self.value = value
        self.name = name
        execution = currentExecution
        execution?.watch { [weak self] _ in
            self.map { me in PrimitiveState(kind: "Atomic", name: me.name, value: "\(me.value)") }
        }
    }

    /// Reads the value in one indivisible step.
    public func load(ordering: AtomicLoadOrdering = .sequentiallyConsistent) -> Value {
        operate("load") { value, shown in
            if shown != nil { shown = "\(value)" }
            return value
        }
    }

    /// Writes the value in one indivisible step.
    public func store(_ desired: Value, ordering: AtomicStoreOrdering = .sequentiallyConsistent) {
        operate("store") { value, shown in
            value = desired
            if shown != nil { shown = "\(desired)" }
        }
    }

    /// Stores `desired` and returns the value it replaced.
    public func exchange(_ desired: Value, ordering: AtomicUpdateOrdering = .sequentiallyConsistent) -> Value {
        operate("exchange") { value, shown in
            let old = value
            value = desired
            if shown != nil { shown = "\(old) → \(desired)" }
            return old
        }
    }

    /// Stores `desired` if the value equals `expected`; returns whether it did and the value found.
    public func compareExchange(expected: Value, desired: Value,
                                ordering: AtomicUpdateOrdering = .sequentiallyConsistent) -> (exchanged: Bool, original: Value) {
        operate("compareExchange") { value, shown in
            let original = value
            let exchanged = original == expected
            if exchanged { value = desired }
            if shown != nil {
                shown = exchanged ? "\(original) → \(desired)" : "\(original) ≠ \(expected), unchanged"
            }
            return (exchanged, original)
        }
    }

    /// One atomic step: a scheduling point, then `body` on the value as one indivisible action.
    /// Every atomic is an acquire and a release of its own clock (sequential consistency).
    /// `shown` is nil unless a trace is being recorded; then `body` describes the step in it
    /// ("1 → 2"): formatting a generic value costs more than the rest of the step.
    fileprivate func operate<R>(_ operation: String, _ body: (inout Value, _ shown: inout String?) -> R) -> R {
        var shown: String?
        guard let execution else { return lock.withLock { _ in body(&value, &shown) } }
        let me = execution.point("\(operation)(\(name))")
        if execution.recorder != nil { shown = "" }
        let before = value
        let result = body(&value, &shown)
        if value != before {
            spin.wrote(by: me)
        } else if spin.read(by: me) {
            execution.giveWay(me)
        }
        // The thread acquires the atomic's clock, and the atomic keeps what the thread has seen
        // (a release). `join`, not assignment: sharing one buffer would make the `tick` below
        // copy it on every operation.
        me.clock.join(clock)
        clock.join(me.clock)
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
        operate("wrappingAdd") { value, shown in
            let old = value
            value = old &+ operand
            if shown != nil { shown = "\(old) → \(value)" }
            return (old, value)
        }
    }

    @discardableResult
    /// Subtracts `operand` as one indivisible read-modify-write; no update is lost.
    public func wrappingSubtract(_ operand: Value, ordering: AtomicUpdateOrdering = .sequentiallyConsistent) -> (oldValue: Value, newValue: Value) {
        operate("wrappingSubtract") { value, shown in
            let old = value
            value = old &- operand
            if shown != nil { shown = "\(old) → \(value)" }
            return (old, value)
        }
    }
}
