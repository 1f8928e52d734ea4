/// An HTTP request as the serving chapter's handlers see it: what Hummingbird's `Request`
/// carries, reduced to values so that it crosses tasks, threads and isolates as a copy.
public struct Request: Sendable, Equatable, Codable, CustomStringConvertible {
    public var method: String
    public var path: String
    public var headers: [String: String]
    public var body: String

    public init(_ method: String = "GET", _ path: String, headers: [String: String] = [:], body: String = "") {
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
    }

    /// "POST /charge"
    public var description: String { "\(method) \(path)" }
}

/// An HTTP response: a status code and a text body.
public struct Response: Sendable, Equatable, Codable, CustomStringConvertible {
    public var status: Int
    public var body: String

    public init(_ status: Int = 200, _ body: String = "") {
        self.status = status
        self.body = body
    }

    public static func ok(_ body: String) -> Response { Response(200, body) }
    public static let badRequest = Response(400, "bad request")
    public static let notFound = Response(404, "not found")
    public static let tooManyRequests = Response(429, "too many requests")
    public static let internalServerError = Response(500, "internal server error")
    public static let serviceUnavailable = Response(503, "shutting down")

    /// "200 charged"
    public var description: String { body.isEmpty ? "\(status)" : "\(status) \(body)" }
}
