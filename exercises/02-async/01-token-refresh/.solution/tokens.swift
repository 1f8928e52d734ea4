import ParLearnKit

// `AuthServer`, the auth server on the other side of the network, lives in check.swift.

/// Keeps the access token that every request of this process signs with, fetching one from
/// the auth server the first time a request needs it.
actor TokenCache {
    private let server: AuthServer
    private var token: String?
    /// True while one request is fetching; the others wait for its answer instead of asking.
    private var fetching = false
    private var waiting: [CheckedContinuation<String, Never>] = []

    init(server: AuthServer) {
        self.server = server
    }

    /// A token the server accepts.
    func validToken() async -> String {
        if let token { return token }
        if fetching {
            // Someone else's request is at the server: wait for its token, don't ask again.
            return await withCheckedContinuation { waiting.append($0) }
        }
        // `fetching` is set before the `await`, so every call the actor runs while this one
        // is suspended sees it: the state changed before the suspension point, as the
        // reentrancy section taught.
        fetching = true
        let fresh = await server.issue()
        token = fresh
        fetching = false
        for request in waiting { request.resume(returning: fresh) }
        waiting.removeAll()
        return fresh
    }
}
