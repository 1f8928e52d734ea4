// Deliberately racy, and honest about per-isolate state: the SDK's key is now an IsolateLocal,
// so two isolates no longer share it. But one isolate that serves many tenants, as a
// Hypercorn worker does, still mixes their keys.
import ParLearnKit

// [sdk]
enum SDK {
    /// Module state with one copy per isolate, like a module global in a sub-interpreter.
    static let apiKey = IsolateLocal("", "SDK.apiKey")

    static func configure(_ key: String) { apiKey.value = key }

    static func charge(_ cents: Int) -> String { "\(cents) charged with \(apiKey.value)" }
}
// [/sdk]

// [worker]
/// A request arrives in two steps, as an async handler does with an `await` in between:
/// the worker takes the next message from either step of any request.
enum Message: Sendable {
    case begin(tenant: String)
    case finish(tenant: String, cents: Int)
    case stop
}

/// One worker isolate serving every tenant from its inbox until the sentinel arrives.
func startWorker(_ inbox: IsolateQueue<Message>, receipts: IsolateQueue<String>) {
    _ = Isolate("worker").run {
        while let message = inbox.get() {
            switch message {
            case .begin(let tenant): SDK.configure("sk_\(tenant)")
            case .finish(let tenant, let cents): try receipts.put("\(tenant): " + SDK.charge(cents))
            case .stop: return
            }
        }
    }
}
// [/worker]

// [scenario]
scenario("one isolate per tenant") {
    let a = Isolate("tenant-a").run { SDK.configure("sk_a"); return SDK.charge(100) }
    let b = Isolate("tenant-b").run { SDK.configure("sk_b"); return SDK.charge(200) }
    check((try? a.value()) == "100 charged with sk_a", "tenant a was charged with the wrong key")
    check((try? b.value()) == "200 charged with sk_b", "tenant b was charged with the wrong key")
}

scenario("one worker, two tenants") {
    let inbox = IsolateQueue<Message>("inbox")
    let receipts = IsolateQueue<String>("receipts")
    startWorker(inbox, receipts: receipts)
    let clients = ["a", "b"].map { tenant in
        Isolate("client-\(tenant)").run {
            try inbox.put(.begin(tenant: tenant))
            try inbox.put(.finish(tenant: tenant, cents: 100))
        }
    }
    for client in clients { _ = client.result() }
    try? inbox.put(.stop)
    for _ in 0..<2 {
        let receipt = receipts.get() ?? ""
        let tenant = receipt.prefix(1)
        check(receipt.hasSuffix("sk_\(tenant)"), "a receipt says \"\(receipt)\"")
    }
}
// [/scenario]
