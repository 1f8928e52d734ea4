// The check for async-group-order. It belongs to the workbook: edit profiles.swift, not this
// file.
import ParLearnKit

/// A user's profile. Only the directory makes them (the initialiser is private to this file).
struct Profile: Sendable, Equatable {
    let id: Int
    let name: String
    fileprivate init(id: Int, name: String) {
        self.id = id
        self.name = name
    }
}

/// The user directory, a remote service: every lookup takes a round trip.
actor Directory {
    private let names: [Int: String]
    private(set) var lookups = 0

    init(names: [Int: String]) { self.names = names }

    func lookup(_ id: Int) async -> Profile {
        lookups += 1
        await sleep(for: .milliseconds(100))    // the round trip
        return Profile(id: id, name: names[id] ?? "unknown")
    }
}

let staff = [1: "ada", 2: "grace", 3: "edsger", 4: "barbara", 5: "tony"]

/// Fetches `ids`, checks the order and the names, and that the lookups ran at the same time.
func fetchAndCheck(_ ids: [Int]) async {
    let directory = Directory(names: staff)
    let clock = VirtualClock()
    let start = clock.now
    let got = await profiles(for: ids, from: directory)
    let elapsed = start.duration(to: clock.now)
    let expected = ids.map { Profile(id: $0, name: staff[$0]!) }
    check(got == expected,
          "profiles(for: \(ids)) returned \(got.map(\.name)), expected \(expected.map(\.name)) in that order")
    let lookups = await directory.lookups
    check(lookups == ids.count, "\(lookups) lookups were made for \(ids.count) ids")
    // One round trip is 100 ms: at the same time, all of them take about that long.
    check(elapsed < .milliseconds(200),
          "the \(ids.count) lookups took \(elapsed), one after the other; they should run at the same time (about 100 ms)")
}

scenario("two profiles in order") {
    await fetchAndCheck([3, 1])
}

scenario("four profiles, one repeated") {
    await fetchAndCheck([2, 5, 2, 4])
}
