// Counts primes below `limit` on several threads, under one global lock.
import Synchronization

/// The primes found so far. Ported from a Python program, it works like the GIL: a thread
/// holds the lock for every step it takes.
let interpreterLock = Mutex(0)

func resetPrimes() { interpreterLock.withLock { $0 = 0 } }

func primeCount() -> Int { interpreterLock.withLock { $0 } }

/// Each thread takes every `threads`-th block of a thousand numbers.
func stress(thread: Int, of threads: Int) {
    for start in stride(from: thread * 1_000, to: limit, by: threads * 1_000) {
        // TODO: the lock is held while the primes are counted, so only one thread counts at a
        // time. Hold it only to add what this thread found.
        interpreterLock.withLock { primes in
            primes += countPrimes(in: start ..< start + 1_000)
        }
    }
}
