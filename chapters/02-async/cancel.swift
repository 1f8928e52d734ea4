// Cancellation is a request, not an interruption: a task stops only
// where it checks. Two scenarios: cancelling one task by hand, and a
// task group that cancels the losers once it has a winner.
import ParLearnKit

// [batch]
/// Resizes photos one by one; stops early if asked to.
func resizeAll(_ count: Int) async -> Int {
    var done = 0
    for _ in 0..<count {
        if Task.isCancelled { break }       // the polite stop point
        await sleep(for: .milliseconds(10)) // one photo's work
        done += 1
    }
    return done
}
// [/batch]

scenario("cancel a batch") {
    let job = spawnTask("resize") { await resizeAll(100) }
    await sleep(for: .milliseconds(35))
    job.cancel()
    let done = await job.value
    check(done < 100, "the job resized all \(done) photos after cancel")
    print("cancelled after \(done) of 100 photos")
}

// [race]
/// Downloads in 10 ms chunks; reports whether it was cut short.
func download(from mirror: String, chunks: Int) async -> String {
    for _ in 0..<chunks {
        if Task.isCancelled { return "\(mirror): cancelled" }
        await sleep(for: .milliseconds(10))
    }
    return "\(mirror): done"
}

func fastest() async -> (winner: String, loser: String) {
    await withTaskGroup(of: String.self) { group in
        group.addTask { await download(from: "near", chunks: 2) }
        group.addTask { await download(from: "far", chunks: 20) }
        let winner = await group.next()!
        group.cancelAll()                   // ask the rest to stop
        let loser = await group.next()!     // still waits for it
        return (winner, loser)
    }
}
// [/race]

scenario("first mirror wins") {
    let (winner, loser) = await fastest()
    check(winner == "near: done", "the winner was \(winner)")
    check(loser == "far: cancelled", "the loser reported \(loser)")
    print("winner \(winner); loser \(loser)")
}
