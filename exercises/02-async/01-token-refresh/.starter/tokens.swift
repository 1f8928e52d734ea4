import ParLearnKit

// `AuthServer`, the auth server on the other side of the network, lives in check.swift.

/// Keeps the access token that every request of this process signs with, fetching one from
/// the auth server the first time a request needs it.
actor TokenCache {
    private let server: AuthServer
    private var token: String?

    init(server: AuthServer) {
        self.server = server
    }

    /// A token the server accepts.
    func validToken() async -> String {
        if let token { return token }
        // TODO: while this request waits for the server, the actor runs other requests'
        // `validToken`, which also find no token and ask for one too. Each new token revokes
        // the previous one, so some requests are left holding a revoked token.
        let fresh = await server.issue()
        token = fresh
        return fresh
    }
}
