import ParLearnKit

struct Config: Sendable, Equatable {
    var region: String
    var retries: Int
}

/// The service configuration, loaded on first use and only once, however many request
/// threads ask for it at the same moment. Loading is slow (a file, a network call), so after
/// the first load a request must not have to take the lock.
final class ConfigCache: Sendable {
    private let load: @Sendable () -> Config
    private let lock = Lock("config")
    private let loaded = Atomic(false, "loaded")
    private let stored = Shared<Config?>(nil, "config")   // written under `lock`, before `loaded`

    init(load: @escaping @Sendable () -> Config) {
        self.load = load
    }

    var config: Config {
        // The fast path: once loaded, no lock.
        if loaded.load(ordering: .acquiring) {
            return stored.value!
        }
        return lock.withLock {
            // TODO: two requests can both miss the fast path; then each takes the lock in turn,
            // and the second loads the configuration all over again.
            stored.value = load()
            loaded.store(true, ordering: .releasing)
            return stored.value!
        }
    }
}
