// Counts primes below 100 000 on several threads, under one global lock.
import Synchronization

struct Tally {
    var primes = 0
}

let global = Mutex(Tally())

func isPrime(_ n: Int) -> Bool {
    if n < 2 { return false }
    var d = 2
    while d * d <= n {
        if n % d == 0 { return false }
        d += 1
    }
    return true
}

func resetPrimes() { global.withLock { $0 = Tally() } }

func primeCount() -> Int { global.withLock { $0.primes } }

func stress(thread: Int, of threads: Int) {
    for n in stride(from: thread, to: 100_000, by: threads) {
        global.withLock { tally in
            if isPrime(n) { tally.primes += 1 }
        }
    }
}
