// Chapter 01 figures: thread spawn cost, lock and atomic overhead,
// and the 2-core speed-up for CPU-bound work on OS threads.
import Foundation
import Synchronization

@main struct ThreadsCosts {
    static func main() {
        let runs = 7

        // 1. Creating and joining one thread that does nothing.
        let spawns = 200
        report("thread spawn+join", measure(runs: runs) {
            let t0 = now()
            for _ in 0..<spawns { runThreads(1) {} }
            return (now() - t0) / Double(spawns) * 1e6
        }, unit: "us", format: "%.1f")

        // 2. Two threads each adding 1 a million times to one counter.
        let n = 1_000_000
        let mutex = Mutex(0)
        report("2x1M increments, Mutex", measure(runs: runs) {
            mutex.withLock { $0 = 0 }
            let t0 = now()
            runThreads(2) { for _ in 0..<n { mutex.withLock { $0 += 1 } } }
            precondition(mutex.withLock { $0 } == 2 * n)
            return (now() - t0) * 1e3
        }, unit: "ms", format: "%.1f")

        let atomic = Atomic(0)
        report("2x1M increments, Atomic", measure(runs: runs) {
            atomic.store(0, ordering: .relaxed)
            let t0 = now()
            runThreads(2) {
                for _ in 0..<n { atomic.wrappingAdd(1, ordering: .relaxed) }
            }
            precondition(atomic.load(ordering: .relaxed) == 2 * n)
            return (now() - t0) * 1e3
        }, unit: "ms", format: "%.1f")

        // The same two million increments on one thread, same Mutex:
        // the lock without contention.
        report("1x2M increments, Mutex, one thread", measure(runs: runs) {
            mutex.withLock { $0 = 0 }
            let t0 = now()
            runThreads(1) { for _ in 0..<(2 * n) { mutex.withLock { $0 += 1 } } }
            return (now() - t0) * 1e3
        }, unit: "ms", format: "%.1f")

        // 3. CPU-bound work: fib(38) twice, in sequence and on 2 threads,
        //    then four times on 4 threads (still only 2 cores).
        let job = 38
        let seq = measure(runs: 5) {
            let t0 = now(); _ = fib(job); _ = fib(job); return now() - t0
        }
        report("fib(38) x2, sequential", seq, unit: "s")
        let par = measure(runs: 5) {
            let t0 = now(); runThreads(2) { _ = fib(job) }; return now() - t0
        }
        report("fib(38) x2, 2 threads", par, unit: "s")
        let four = measure(runs: 5) {
            let t0 = now(); runThreads(4) { _ = fib(job) }; return now() - t0
        }
        report("fib(38) x4, 4 threads", four, unit: "s")
        print(String(format: "speed-up with 2 threads: x%.2f",
                     seq[seq.count / 2] / par[par.count / 2]))
        print("cores: \(ProcessInfo.processInfo.activeProcessorCount)")
    }
}
