// Chapter 01 figure: how many increments a racy counter loses on real
// threads, and how the optimiser can hide the race at -O.
//
// Deliberately racy: the counter is shared without a lock.
// `@unchecked Sendable` is the promise that lets Swift 6 compile it.
import Synchronization

final class Counter: @unchecked Sendable { var value = 0 }

/// One increment the optimiser cannot merge with the next one.
@inline(never) func bump(_ c: Counter) { c.value += 1 }

/// Both threads spin on this gate so that they really overlap.
let gate = Atomic<Int>(0)

/// Runs two racing threads of `n` increments; returns how many were lost.
func race(_ n: Int, naive: Bool) -> Int {
    let c = Counter()
    gate.store(0, ordering: .sequentiallyConsistent)
    runThreads(2) {
        gate.wrappingAdd(1, ordering: .sequentiallyConsistent)
        while gate.load(ordering: .sequentiallyConsistent) < 2 {}
        if naive {
            for _ in 0..<n { c.value += 1 }   // may fold into one add
        } else {
            for _ in 0..<n { bump(c) }
        }
    }
    return 2 * n - c.value
}

@main struct LostUpdates {
    static func main() {
        let n = 2_000_000
        for naive in [false, true] {
            let lost = (0..<7).map { _ in race(n, naive: naive) }.sorted()
            report(naive ? "lost of 4M, naive loop"
                         : "lost of 4M, @inline(never) bump",
                   lost.map(Double.init), unit: "increments", format: "%.0f")
            print("  each run: \(lost.map(String.init).joined(separator: ", "))")
        }
    }
}
