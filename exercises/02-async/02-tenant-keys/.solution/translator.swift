import ParLearnKit

// `TranslationService` and `Translation`, the service on the other side of the network, live
// in check.swift.

/// A translation SDK whose key belongs to the current task, like a `contextvars.ContextVar`.
enum Translator {
    /// The key of the current request. Bind it with `Translator.$apiKey.withValue(key) { ... }`:
    /// the value is seen by that closure and every child task it starts, and by nobody else.
    @TaskLocal static var apiKey = ""

    /// Translates `text`, signing the request with the current key ("" when there is none).
    static func translate(_ text: String) async -> Translation {
        await TranslationService.translate(text, signedWith: apiKey)
    }
}

/// One tenant's request: translates all `texts` at once, with the tenant's `key`, and returns
/// the translations in the order of `texts`.
func translateAll(_ texts: [String], key: String) async -> [Translation] {
    await Translator.$apiKey.withValue(key) {
        // Task-group children inherit the task-locals of the task that adds them.
        await withTaskGroup(of: (Int, Translation).self) { group in
            for (index, text) in texts.enumerated() {
                group.addTask { (index, await Translator.translate(text)) }
            }
            var done: [(Int, Translation)] = []
            for await result in group { done.append(result) }
            return done.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }
}
