import ParLearnKit

/// The names of the spans the process is in, outermost first. An actor: no data race.
actor SpanStack {
    private(set) var names: [String] = []
    func push(_ name: String) { names.append(name) }
    func pop() { names.removeLast() }
}

/// A tracing SDK: every log line says which span it came from, e.g. "checkout 1/pay: charged".
enum Tracer {
    // TODO: one stack for the whole process. Two requests in flight push and pop on the same
    // stack, so each sees the other's spans. Every request, and every child task it starts,
    // needs its own path of spans, and a span must end when its closure returns.
    static let stack = SpanStack()

    /// Runs `body` inside a span called `name`, nested in the current span.
    static func span<T>(_ name: String, _ body: () async -> T) async -> T {
        await stack.push(name)
        let result = await body()
        await stack.pop()
        return result
    }

    /// `message` with the current span path in front, or alone outside any span.
    static func line(_ message: String) async -> String {
        let path = await stack.names
        return path.isEmpty ? message : "\(path.joined(separator: "/")): \(message)"
    }
}
