import ParLearnKit

// `StorageService` and `Upload` are the storage service on the other side of the network; they
// live in check.swift.

/// A cloud storage SDK in the style of `stripe.api_key = ...`: configure once, call anywhere.
enum CloudStore {
    // TODO: one key for the whole process, shared by every thread. Swift 6 rejects a plain
    // `static var` here for exactly that reason; `nonisolated(unsafe)` silences it with a
    // promise that nothing keeps. (The keys are short, so Swift stores them inline and the race
    // shows up as a wrong key rather than corrupted memory.) Give each caller its own key
    // instead: a client value that carries it.
    nonisolated(unsafe) static var apiKey = ""

    static func upload(_ file: String) -> Upload {
        yieldNow()      // preparing the request: other threads run meanwhile
        return StorageService.receive(file, signedWith: apiKey)
    }
}

/// One tenant's nightly backup: uploads `files` with the tenant's own `key`.
/// Many tenants' backups run at the same time, each on its own thread.
func backUp(files: [String], key: String) -> [Upload] {
    // TODO: another tenant's thread can set its own key between this line and the uploads.
    CloudStore.apiKey = key
    return files.map { CloudStore.upload($0) }
}
