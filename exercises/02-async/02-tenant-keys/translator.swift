import ParLearnKit

// `TranslationService` and `Translation`, the service on the other side of the network, live
// in check.swift.

/// The SDK's settings behind an actor: no data race, but still one key for the whole process.
actor TranslatorSettings {
    private(set) var apiKey = ""
    func use(_ key: String) { apiKey = key }
}

/// A translation SDK configured the way `openai.api_key = ...` was: set the key, then call.
enum Translator {
    // TODO: one value shared by every task. Each request needs its own key, seen by the tasks
    // it starts and by no one else: make the key a `@TaskLocal` (Python's `contextvars`).
    static let settings = TranslatorSettings()

    /// Translates `text`, signing the request with the current key ("" when there is none).
    static func translate(_ text: String) async -> Translation {
        let key = await settings.apiKey
        return await TranslationService.translate(text, signedWith: key)
    }
}

/// One tenant's request: translates all `texts` at once, with the tenant's `key`, and returns
/// the translations in the order of `texts`.
func translateAll(_ texts: [String], key: String) async -> [Translation] {
    // TODO: another tenant's request can set its own key while these translations are in
    // flight, and the key stays set after this request has finished.
    await Translator.settings.use(key)
    return await withTaskGroup(of: (Int, Translation).self) { group in
        for (index, text) in texts.enumerated() {
            group.addTask { (index, await Translator.translate(text)) }
        }
        var done: [(Int, Translation)] = []
        for await result in group { done.append(result) }
        return done.sorted { $0.0 < $1.0 }.map(\.1)
    }
}
