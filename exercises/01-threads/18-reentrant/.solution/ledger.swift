import ParLearnKit

/// An append-only ledger shared by teller threads. `record` appends one entry; `move` records
/// a debit and a credit together, so nobody's entry can land between the two halves.
final class Ledger: Sendable {
    // Recursive: `move` holds it while `record` takes it again on the same thread. (Equally
    // good: a private `appendLocked(_:)` that expects the caller to hold a plain `Lock`.)
    private let lock = RecursiveLock("ledger")
    private let entries = Shared<[String]>([], "entries")   // guarded by `lock`

    func record(_ entry: String) {
        lock.withLock {
            entries.value.append(entry)
        }
    }

    func move(_ amount: Int, from source: String, to target: String) {
        lock.withLock {
            record("\(source) -\(amount)")
            record("\(target) +\(amount)")
        }
    }

    var all: [String] {
        lock.withLock { entries.value }
    }
}
