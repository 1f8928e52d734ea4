import ParLearnKit

// `ConnectionPool` and `Upload`, the storage service's side, live in check.swift.

/// The storage SDK's client object, as chapter 01 recommends: no global key. But a server
/// builds one `CloudStore` at start-up, because its connection pool is expensive, and every
/// tenant's backup uses that same object.
final class CloudStore: Sendable {
    let pool: ConnectionPool
    // TODO: a key inside an object that every tenant shares is a global again. The lock stops
    // two threads writing it at the same moment, not tenant B's key replacing tenant A's
    // between A's `setKey` and A's upload.
    private let apiKey = Mutex("", "apiKey")

    init(pool: ConnectionPool) {
        self.pool = pool
    }

    func setKey(_ key: String) {
        apiKey.withLock { $0 = key }
    }

    func upload(_ file: String) -> Upload {
        let key = apiKey.withLock { $0 }
        return pool.send(file, signedWith: key)
    }
}

/// One tenant's nightly backup: uploads `files` with the tenant's own `key` through the
/// server's shared `store`. Many tenants' backups run at the same time, each on its own thread.
func backUp(files: [String], key: String, store: CloudStore) -> [Upload] {
    store.setKey(key)
    return files.map { store.upload($0) }
}
