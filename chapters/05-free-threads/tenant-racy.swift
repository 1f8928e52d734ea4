// Deliberately racy: an SDK keeps one process-wide API key, like `openai.api_key`
// or `stripe.api_key`. Each thread is a tenant that sets its key, then charges.
// `nonisolated(unsafe)` IS the lesson: the global is shared by every tenant.

// [sdk]
enum SDK {
    nonisolated(unsafe) static var apiKey = ""

    /// Sends a charge with whatever key is set right now.
    static func charge(_ cents: Int) -> String { apiKey }
}
// [/sdk]

nonisolated(unsafe) var wrongKeys = 0

// [tenant]
func stress(thread: Int, of threads: Int) {
    let mine = "sk-tenant-\(thread)"
    for cents in 0..<500 {
        SDK.apiKey = mine
        if SDK.charge(cents) != mine { wrongKeys += 1 }   // another tenant's key was used
    }
}
// [/tenant]

func stressSetUp() { wrongKeys = 0 }

func stressCheck() -> String? {
    wrongKeys == 0 ? nil : "a tenant was charged with another tenant's key"
}
