import ParLearnKit

/// A translation SDK that keeps its API key as module state: configure it once, then translate.
enum Translator {
    // TODO: this is one key for the whole process, so every isolate shares it. Give each
    // isolate its own copy.
    static let apiKey = ProcessGlobal("", "Translator.apiKey")

    static func configure(_ key: String) { apiKey.value = key }

    /// Signs the request with the configured key; a real SDK would send it over the network.
    static func translate(_ text: String) -> String {
        let key = apiKey.value
        return "[\(key)] \(text)"
    }
}

/// One tenant's request: whose key to use and what to translate.
struct Request: Sendable {
    let key: String
    let text: String
}

/// Serves one tenant's request on `isolate`: configures the SDK, then translates.
func serve(_ request: Request, on isolate: Isolate) -> Future<String> {
    isolate.run {
        Translator.configure(request.key)
        return Translator.translate(request.text)
    }
}
