import ParLearnKit

// `ConnectionPool` and `Upload`, the storage service's side, live in check.swift.

/// The storage SDK's client object, shared by every tenant for its connection pool. It holds
/// only what all tenants share, and nothing a tenant can change.
final class CloudStore: Sendable {
    let pool: ConnectionPool

    init(pool: ConnectionPool) {
        self.pool = pool
    }

    /// A view of this store for one tenant: the shared pool plus that tenant's key. Cheap to
    /// make, and a value, so no other thread can change the key inside it.
    func authenticated(with key: String) -> TenantStore {
        TenantStore(pool: pool, apiKey: key)
    }
}

/// What one tenant uploads through: the shared pool and its own key, both `let`s.
struct TenantStore: Sendable {
    let pool: ConnectionPool
    let apiKey: String

    func upload(_ file: String) -> Upload {
        pool.send(file, signedWith: apiKey)
    }
}

/// One tenant's nightly backup: uploads `files` with the tenant's own `key` through the
/// server's shared `store`. Many tenants' backups run at the same time, each on its own thread.
func backUp(files: [String], key: String, store: CloudStore) -> [Upload] {
    let tenant = store.authenticated(with: key)
    return files.map { tenant.upload($0) }
}
