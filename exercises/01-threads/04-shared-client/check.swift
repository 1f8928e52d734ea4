// The check for threads-tenant-keys. It belongs to the workbook: edit store.swift, not this file.
import ParLearnKit

/// What the storage service received: a file, signed with an API key. Only the pool makes them
/// (the initialiser is private to this file): an upload that never reached it cannot pass.
struct Upload: Sendable, Equatable {
    let key: String
    let file: String
    fileprivate init(key: String, file: String) {
        self.key = key
        self.file = file
    }
}

/// Open connections to the storage service: expensive to set up, so a server opens one pool
/// and every tenant's backup shares it. Only the check opens pools.
final class ConnectionPool: Sendable {
    fileprivate init() {}

    func send(_ file: String, signedWith key: String) -> Upload {
        yieldNow()      // the round trip: other threads run meanwhile
        return Upload(key: key, file: file)
    }
}

/// Every upload of a tenant must carry that tenant's key, for every one of its files, in order.
func checkUploads(_ uploads: [Upload], tenant: String, key: String, files: [String]) {
    let expected = files.map { Upload(key: key, file: $0) }
    check(uploads == expected,
          "tenant \(tenant) uploaded \(uploads.map { "\($0.file) with \($0.key)" }), expected \(files) all with \(key)")
}

scenario("two tenants share one store") {
    let store = CloudStore(pool: ConnectionPool())
    let a = spawn("tenant-a") { backUp(files: ["a.db"], key: "sk_a", store: store) }
    let b = spawn("tenant-b") { backUp(files: ["b.db"], key: "sk_b", store: store) }
    checkUploads(a.join(), tenant: "a", key: "sk_a", files: ["a.db"])
    checkUploads(b.join(), tenant: "b", key: "sk_b", files: ["b.db"])
}

scenario("three tenants, several files") {
    let store = CloudStore(pool: ConnectionPool())
    let jobs = [("a", "sk_a", ["a1", "a2"]), ("b", "sk_b", ["b1", "b2"]), ("c", "sk_c", ["c1"])]
    let threads = jobs.map { job in spawn("tenant-\(job.0)") { backUp(files: job.2, key: job.1, store: store) } }
    for (job, thread) in zip(jobs, threads) {
        checkUploads(thread.join(), tenant: job.0, key: job.1, files: job.2)
    }
}
