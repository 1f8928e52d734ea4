// The check for threads-double-checked. It belongs to the workbook: edit config.swift, not this
// file.
import ParLearnKit

let expected = Config(region: "eu-west", retries: 3)

/// `requests` threads ask for the configuration at once; it must be loaded exactly once and
/// every request must get all of it.
func serve(requests: Int) {
    let loads = Atomic(0, "loads")
    let cache = ConfigCache {
        loads.wrappingAdd(1)
        return expected
    }
    let threads = (1...requests).map { i in spawn("R\(i)") { cache.config } }
    for (i, thread) in threads.enumerated() {
        let got = thread.join()
        check(got == expected, "R\(i + 1) got \(got), expected \(expected)")
    }
    check(loads.load() == 1, "the configuration was loaded \(loads.load()) times; it must be loaded once")
}

scenario("two requests at once") {
    serve(requests: 2)
}

scenario("three requests at once") {
    serve(requests: 3)
}
