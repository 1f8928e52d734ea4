// Chapter 02 figures: what a task costs, what an actor hop costs, and
// the 2-core speed-up of CPU-bound child tasks.
import Foundation
import Synchronization

actor Counter {
    private(set) var value = 0
    func increment() { value += 1 }
}

/// Microseconds per child task created and awaited, `count` times,
/// measured on the cooperative pool rather than the main actor.
@concurrent func spawnAndAwait(_ count: Int) async -> Double {
    let t0 = now()
    for _ in 0..<count {
        await withTaskGroup(of: Void.self) { g in g.addTask {} }
    }
    return (now() - t0) / Double(count) * 1e6
}

@main struct AsyncCosts {
    static func main() async {
        let runs = 7

        // 1. Creating a child task that does nothing and awaiting it,
        //    from code already on the pool (no main-actor hops).
        report("task spawn+await", await measure(runs: runs) {
            await spawnAndAwait(2_000)
        }, unit: "us", format: "%.1f")

        // 2. Two tasks each calling an actor method a million times.
        let n = 1_000_000
        report("2x1M increments, actor", await measure(runs: runs) {
            let counter = Counter()
            let t0 = now()
            await withTaskGroup(of: Void.self) { g in
                for _ in 0..<2 {
                    g.addTask { for _ in 0..<n { await counter.increment() } }
                }
            }
            let total = await counter.value
            precondition(total == 2 * n)
            return (now() - t0) * 1e3
        }, unit: "ms", format: "%.1f")

        // 3. CPU-bound: fib(38) twice, awaited in sequence vs as two
        //    child tasks (`async let`) the pool can run on both cores.
        let job = 38
        let seq = await measure(runs: 5) {
            let t0 = now()
            _ = await Task { fib(job) }.value
            _ = await Task { fib(job) }.value
            return now() - t0
        }
        report("fib(38) x2, awaited one after the other", seq, unit: "s")
        let par = await measure(runs: 5) {
            let t0 = now()
            async let a = fib(job)
            async let b = fib(job)
            _ = await (a, b)
            return now() - t0
        }
        report("fib(38) x2, async let", par, unit: "s")
        print(String(format: "speed-up with async let: x%.2f",
                     seq[seq.count / 2] / par[par.count / 2]))
    }
}
