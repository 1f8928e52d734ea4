// Counts primes below `limit` on several threads; each counts alone, then adds once.
import Synchronization

/// The primes found so far, guarded by a lock that no thread holds while it computes.
let interpreterLock = Mutex(0)

func resetPrimes() { interpreterLock.withLock { $0 = 0 } }

func primeCount() -> Int { interpreterLock.withLock { $0 } }

/// Each thread takes every `threads`-th block of a thousand numbers.
func stress(thread: Int, of threads: Int) {
    var mine = 0
    for start in stride(from: thread * 1_000, to: limit, by: threads * 1_000) {
        mine += countPrimes(in: start ..< start + 1_000)
    }
    interpreterLock.withLock { $0 += mine }
}
