// The check for async-tenant-keys. It belongs to the workbook: edit translator.swift, not this
// file.
import ParLearnKit

/// What the translation service returned, and the API key the request was signed with. Only the
/// service makes them (the initialiser is private to this file).
struct Translation: Sendable, Equatable {
    let key: String
    let text: String
    fileprivate init(key: String, text: String) {
        self.key = key
        self.text = text
    }
}

/// The translation service on the other end of the network: the SDK in translator.swift calls it.
enum TranslationService {
    static func translate(_ text: String, signedWith key: String) async -> Translation {
        await sleep(for: .milliseconds(20))     // the HTTPS round trip
        return Translation(key: key, text: text.uppercased())
    }
}

/// Every translation of a tenant must carry its key and its text, in order.
func checkTranslations(_ got: [Translation], tenant: String, key: String, texts: [String]) {
    let expected = texts.map { Translation(key: key, text: $0.uppercased()) }
    check(got == expected,
          "tenant \(tenant) got \(got.map { "\($0.text) signed \($0.key.isEmpty ? "with no key" : $0.key)" }), expected \(expected.map(\.text)) all signed \(key)")
}

scenario("two tenants at once") {
    let a = spawnTask("tenant-a") { await translateAll(["hello", "bye"], key: "sk_a") }
    let b = spawnTask("tenant-b") { await translateAll(["hi"], key: "sk_b") }
    checkTranslations(await a.value, tenant: "a", key: "sk_a", texts: ["hello", "bye"])
    checkTranslations(await b.value, tenant: "b", key: "sk_b", texts: ["hi"])
}

scenario("the key ends with the request") {
    let a = spawnTask("tenant-a") { await translateAll(["ciao"], key: "sk_a") }
    checkTranslations(await a.value, tenant: "a", key: "sk_a", texts: ["ciao"])
    let anonymous = await Translator.translate("hola")
    check(anonymous.key.isEmpty,
          "a call outside any tenant's request was signed with \(anonymous.key): the key outlived its request")
}
