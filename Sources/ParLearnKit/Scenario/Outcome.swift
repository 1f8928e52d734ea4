/// Declares the final outcome of a scenario for `parlearn outcomes`, with what each value means,
/// as jcstress's `@Outcome(id:expect:desc:)`.
///
/// ```swift
/// outcome(hits.value, [
///     2: .acceptable("both increments counted"),
///     1: .forbidden("one increment was lost"),
/// ])
/// ```
///
/// `parlearn outcomes` runs every schedule and draws a histogram of the values seen, tagged with
/// these annotations; a `forbidden` value that occurs makes it exit 1. Values are compared by
/// their text (`"\(value)"`), so tuples work: `outcome((r1, r2))`. Reading the value is an
/// ordinary operation (a `Shared` read is a scheduling point); call it once, after the joins.
/// In other modes it only evaluates `value`.
public func outcome<Value>(_ value: Value, _ annotations: KeyValuePairs<Value, OutcomeAnnotation> = [:]) {
    guard let execution = currentExecution else { return }
    execution.observed = ObservedOutcome(
        value: "\(value)",
        annotations: annotations.map { (value: "\($0.key)", tag: $0.value.tag, note: $0.value.note) })
}

/// What an outcome means: `.acceptable("…")`, `.forbidden("…")` or `.interesting("…")`.
public struct OutcomeAnnotation: Sendable, Equatable {
    /// Whether the value is acceptable, forbidden or interesting.
    public var tag: OutcomeTag
    /// What the value means, shown beside its bar.
    public var note: String

    /// A value the program may produce.
    public static func acceptable(_ note: String = "") -> Self { Self(tag: .acceptable, note: note) }
    /// A value the program must never produce; `parlearn outcomes` exits 1 when it occurs.
    public static func forbidden(_ note: String = "") -> Self { Self(tag: .forbidden, note: note) }
    /// Allowed, but worth a look (jcstress's ACCEPTABLE_INTERESTING).
    public static func interesting(_ note: String = "") -> Self { Self(tag: .interesting, note: note) }
}

/// One execution's `outcome(_:)`.
struct ObservedOutcome {
    var value: String
    var annotations: [(value: String, tag: OutcomeTag, note: String)]
}
