import ParLearnKit

/// An append-only ledger shared by teller threads. `record` appends one entry; `move` records
/// a debit and a credit together, so nobody's entry can land between the two halves.
final class Ledger: Sendable {
    private let lock = Lock("ledger")
    private let entries = Shared<[String]>([], "entries")   // guarded by `lock`

    func record(_ entry: String) {
        lock.withLock {
            entries.value.append(entry)
        }
    }

    func move(_ amount: Int, from source: String, to target: String) {
        lock.withLock {
            // TODO: `record` takes `lock` again, and this thread already holds it. A `Lock`
            // waits for its holder to let go, so this thread waits for itself, forever.
            record("\(source) -\(amount)")
            record("\(target) +\(amount)")
        }
    }

    var all: [String] {
        lock.withLock { entries.value }
    }
}
