// Shared helpers for the chapter benchmarks: a monotonic clock, a
// median-of-runs reporter and a way to run N pthreads and join them.
// Compiled together with each benchmark file.
import Foundation

/// Seconds on the monotonic clock.
func now() -> Double {
    Double(DispatchTime.now().uptimeNanoseconds) / 1e9
}

/// Runs `body` `runs` times and returns the sorted results.
func measure(runs: Int, _ body: () -> Double) -> [Double] {
    (0..<runs).map { _ in body() }.sorted()
}

/// Async twin of `measure`; runs `body` in the caller's isolation.
func measure(runs: Int, isolation: isolated (any Actor)? = #isolation,
             _ body: () async -> Double) async -> [Double] {
    var results: [Double] = []
    for _ in 0..<runs { results.append(await body()) }
    return results.sorted()
}

/// Prints one figure as `name: median unit (min .. max, n runs)`.
func report(_ name: String, _ sorted: [Double], unit: String,
            format: String = "%.3f") {
    let median = sorted[sorted.count / 2]
    let f = { (x: Double) in String(format: format, x) }
    print("\(name): \(f(median)) \(unit)"
          + " (min \(f(sorted.first!)), max \(f(sorted.last!)),"
          + " \(sorted.count) runs)")
}

/// Naive recursive Fibonacci: pure CPU work the optimiser cannot fold.
@inline(never) func fib(_ n: Int) -> Int {
    n < 2 ? n : fib(n - 1) + fib(n - 2)
}

/// Starts `count` pthreads running `work` and joins them all.
func runThreads(_ count: Int, _ work: @escaping @Sendable () -> Void) {
    final class Box { let work: @Sendable () -> Void
        init(_ w: @escaping @Sendable () -> Void) { work = w } }
    var ids: [pthread_t] = []
    for _ in 0..<count {
        var id = pthread_t()
        let box = Unmanaged.passRetained(Box(work)).toOpaque()
        let rc = pthread_create(&id, nil, { raw in
            let box = Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue()
            box.work()
            return nil
        }, box)
        precondition(rc == 0, "pthread_create failed")
        ids.append(id)
    }
    for id in ids { pthread_join(id, nil) }
}
