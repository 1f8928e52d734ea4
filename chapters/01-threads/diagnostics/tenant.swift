// The SDK of tenant-racy.swift without `nonisolated(unsafe)`: the chapter quotes what
// swiftc says about it, and a test checks the quote against today's compiler.
enum PaymentsSDK {
    static var apiKey = ""
}
