import ParLearnKit

/// A tracing SDK: every log line says which span it came from, e.g. "checkout 1/pay: charged".
enum Tracer {
    /// The spans the current task is in, outermost first, like OpenTelemetry's current span in
    /// a `contextvars.ContextVar`. Child tasks start with their parent's path.
    @TaskLocal static var path: [String] = []

    /// Runs `body` inside a span called `name`, nested in the current span. The binding lasts
    /// exactly as long as `body`: the span ends when it returns.
    static func span<T>(_ name: String, _ body: () async -> T) async -> T {
        await $path.withValue(path + [name]) { await body() }
    }

    /// `message` with the current span path in front, or alone outside any span.
    static func line(_ message: String) async -> String {
        path.isEmpty ? message : "\(path.joined(separator: "/")): \(message)"
    }
}
