// Lazy initialisation without a lock: check, then build, then store.
import ParLearnKit

scenario("lazy init") {
    let cache = Shared<Int?>(nil, "cache")
    let builds = Atomic(0, "builds")
    @Sendable func config() -> Int {
        if let cached = cache.value { return cached }
        builds.wrappingAdd(1)          // the expensive work
        cache.value = 42
        return 42
    }
    let readers = (1...2).map { i in spawn("T\(i)") { config() } }
    for reader in readers { _ = reader.join() }
    outcome(builds.load(), [
        1: .acceptable("built once, as intended"),
        2: .forbidden("built twice: both threads saw an empty cache"),
    ])
}
