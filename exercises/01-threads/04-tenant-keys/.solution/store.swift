import ParLearnKit

// `StorageService` and `Upload` are the storage service on the other side of the network; they
// live in check.swift.

/// A cloud storage client that carries its own key, like openai-python 1.x's
/// `OpenAI(api_key=...)` or stripe-python's `StripeClient`. Only `let`s, so it is `Sendable`
/// for free: there is nothing left for another thread to change.
struct CloudStoreClient: Sendable {
    let apiKey: String

    func upload(_ file: String) -> Upload {
        yieldNow()      // preparing the request: other threads run meanwhile, harmlessly
        return StorageService.receive(file, signedWith: apiKey)
    }
}

/// One tenant's nightly backup: uploads `files` with the tenant's own `key`.
/// Many tenants' backups run at the same time, each on its own thread.
func backUp(files: [String], key: String) -> [Upload] {
    let client = CloudStoreClient(apiKey: key)
    return files.map { client.upload($0) }
}
