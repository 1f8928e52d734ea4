// async let, a task group and an actor: three ways to have several
// things in flight at once, and one way to share state between them.
import ParLearnKit

// [fetch]
/// Pretends to ask a remote service for a price, in cents.
func fetchPrice(_ item: String) async -> Int {
    await sleep(for: .milliseconds(50))     // the network round trip
    return item.count * 100
}
// [/fetch]


// [tally]
/// Counts the requests made. An actor: one caller at a time inside.
actor Tally {
    private(set) var requests = 0
    func add() { requests += 1 }
}
// [/tally]

scenario("basket") {
    let tally = Tally()
    let clock = VirtualClock()       // virtual under the checker
    let start = clock.now
// [asynclet]
    async let apple = fetchPrice("apple")   // starts now
    async let pear = fetchPrice("pear")     // starts now too
    let pair = await apple + pear           // waits for both
// [/asynclet]
    let pairMs = Int(start.duration(to: clock.now) / .milliseconds(1))
// [group]
    let basket = ["fig", "kiwi", "mango"]
    let rest = await withTaskGroup(of: Int.self) { group in
        for item in basket {
            group.addTask {
                await tally.add()
                return await fetchPrice(item)
            }
        }
        return await group.reduce(0, +)     // every child has finished
    }
// [/group]
    let allMs = Int(start.duration(to: clock.now) / .milliseconds(1))
    let requests = await tally.requests
    check(pair == 900, "apple + pear cost \(pair), expected 900")
    check(rest == 1200, "the basket cost \(rest), expected 1200")
    check(requests == 3, "the group made \(requests) requests, not 3")
    print("apple + pear: \(pair) cents in \(pairMs) ms")
    print("basket of 3: \(rest) cents in \(allMs - pairMs) ms")
}
