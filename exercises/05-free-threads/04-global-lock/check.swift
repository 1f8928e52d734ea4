// The check of free-global-lock. It owns the work, `countPrimes(in:)`, and watches how many
// threads are inside it at once: a lock held around the work keeps that at one.
import Foundation
import Synchronization

/// Primes are counted below this; there are 41 538 of them.
let limit = 500_000

private let inside = Atomic<Int>(0)
private let mostInside = Atomic<Int>(0)
/// The first thread that counted, and whether another one did too: with one thread (as
/// `speedup` runs it) nothing can overlap.
private let firstCounter = Atomic<Int>(0)
private let severalCounters = Atomic<Bool>(false)

/// Counts the primes in `range` by trial division: the CPU-bound work, a few hundred
/// microseconds for a range of a thousand numbers.
func countPrimes(in range: Range<Int>) -> Int {
    let now = inside.wrappingAdd(1, ordering: .relaxed).newValue
    mostInside.max(now, ordering: .relaxed)
    defer { inside.wrappingSubtract(1, ordering: .relaxed) }
    let me = Int(bitPattern: ObjectIdentifier(Thread.current))
    let (first, earlier) = firstCounter.compareExchange(expected: 0, desired: me, ordering: .relaxed)
    if !first && earlier != me { severalCounters.store(true, ordering: .relaxed) }
    var found = 0
    for n in range where n >= 2 {
        var d = 2
        while d * d <= n, n % d != 0 { d += 1 }
        if d * d > n { found += 1 }
    }
    return found
}

func stressSetUp() {
    resetPrimes()
    mostInside.store(0, ordering: .relaxed)
}

func stressCheck() -> String? {
    guard primeCount() == 41_538 else { return "\(primeCount()) primes counted below \(limit), expected 41538" }
    guard mostInside.load(ordering: .relaxed) >= 2 || !severalCounters.load(ordering: .relaxed) else {
        return "the threads never ran countPrimes(in:) at the same time: a lock held around it makes them "
            + "take turns, as Python threads do under the GIL"
    }
    return nil
}
