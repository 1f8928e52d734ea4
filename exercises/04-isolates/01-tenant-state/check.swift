import ParLearnKit

scenario("two tenants, two isolates") {
    let a = serve(Request(key: "sk_a", text: "hello"), on: Isolate("tenant-a"))
    let b = serve(Request(key: "sk_b", text: "bonjour"), on: Isolate("tenant-b"))
    let first = (try? a.value()) ?? "failed"
    let second = (try? b.value()) ?? "failed"
    check(first == "[sk_a] hello", "tenant a got \"\(first)\", expected \"[sk_a] hello\"")
    check(second == "[sk_b] bonjour", "tenant b got \"\(second)\", expected \"[sk_b] bonjour\"")
}

scenario("the main isolate keeps its key") {
    Translator.configure("sk_main")
    let tenant = serve(Request(key: "sk_t", text: "hallo"), on: Isolate("tenant"))
    let theirs = (try? tenant.value()) ?? "failed"
    let mine = Translator.translate("ciao")
    check(theirs == "[sk_t] hallo", "the tenant got \"\(theirs)\", expected \"[sk_t] hallo\"")
    check(mine == "[sk_main] ciao", "the main isolate got \"\(mine)\" after a tenant configured its own key")
}
