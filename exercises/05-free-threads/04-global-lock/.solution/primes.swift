// Counts primes below 100 000 on several threads; each counts alone, then adds once.
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
    var mine = 0
    for n in stride(from: thread, to: 100_000, by: threads) where isPrime(n) {
        mine += 1
    }
    global.withLock { $0.primes += mine }
}
