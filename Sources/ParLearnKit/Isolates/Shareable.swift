/// A reference type that may still cross between isolates because it is made for sharing,
/// like `memoryview` and `interpreters.Queue` in PEP 734.
public protocol SharesByReference: AnyObject, Sendable {}

/// The run-time half of "shareable": what the compiler cannot rule out.
///
/// The compiler already rejects a non-`Sendable` value (a plain class) wherever an isolate API
/// asks for `Sendable`. A `Sendable` value can still hold a reference, such as a `final class`
/// with `let` fields or an `any Sendable` box; PEP 734 would refuse it with `NotShareableError`,
/// and so does this check, naming the type.
enum Shareability {
    /// Throws ``IsolateError/notShareable(type:)`` for the first non-shareable part of `value`.
    static func check(_ value: Any) throws(IsolateError) {
        if let type = firstViolation(in: value) { throw .notShareable(type: type) }
    }

    /// The name of the first type inside `value` that may not cross, or nil.
    static func firstViolation(in value: Any) -> String? {
        switch value {
        case is Int, is Int8, is Int16, is Int32, is Int64, is UInt, is UInt8, is UInt16, is UInt32, is UInt64,
             is Double, is Float, is Bool, is String, is Character, is Substring, is any SharesByReference:
            return nil
        default:
            break
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .struct?, .tuple?, .enum?, .optional?, .collection?, .dictionary?, .set?:
            for child in mirror.children {
                if let type = firstViolation(in: child.value) { return type }
            }
            return nil
        case .class?:
            return String(describing: type(of: value)) + " (a class: its instances are shared, not copied)"
        default:
            // Closures and metatypes have no display style.
            return String(describing: type(of: value))
        }
    }
}
