// What an isolate costs: start-up against a thread and a process, messages per second through
// a queue, and a CPU-bound job on one isolate and on two, with Python's figures beside ours.
// `benchmarks/isolates/run.sh` compiles this file with -O and runs it several times.
import Glibc
import ParLearnKit

// A process start-up is this program started again with `--child`, which exits at once.
if CommandLine.arguments.dropFirst().first == "--child" { exit(0) }
/// `--full` (the benchmark script): more rounds and bigger jobs than a quick look in the REPL.
let full = CommandLine.arguments.contains("--full")
let rounds = full ? 7 : 3

/// Runs `body` `runs` times and returns the median of what it returns, and the range.
func median(runs: Int, _ body: () -> Double) -> (median: Double, low: Double, high: Double) {
    let sorted = (0..<runs).map { _ in body() }.sorted()
    return (sorted[runs / 2], sorted[0], sorted[runs - 1])
}

/// Wall-clock seconds that `body` takes.
func time(_ body: () -> Void) -> Double {
    var start = timespec(), end = timespec()
    clock_gettime(CLOCK_MONOTONIC, &start)
    body()
    clock_gettime(CLOCK_MONOTONIC, &end)
    return Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
}

// [startup]
let threadStart = median(runs: rounds) {
    time { for _ in 0..<200 { spawn("t") { 0 }.join() } } / 200
}
let isolateStart = median(runs: rounds) {
    time {
        for _ in 0..<200 {
            let isolate = Isolate("i")
            _ = try? isolate.call { 0 }     // create, run one job, close: as Python's figure does
            isolate.close()
        }
    } / 200
}
let processStart = median(runs: rounds) {
    time {
        for _ in 0..<20 {
            var pid = pid_t()
            let argv: [UnsafeMutablePointer<CChar>?] = [strdup("/proc/self/exe"), strdup("--child"), nil]
            posix_spawn(&pid, "/proc/self/exe", nil, nil, argv, environ)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            argv.forEach { free($0) }
        }
    } / 20
}
// [/startup]

// [messages]
let messages = 100_000
let queueRate = median(runs: rounds) {
    let queue = IsolateQueue<Int>("numbers")
    let elapsed = time {
        let producer = Isolate("producer").run { for i in 0..<messages { try queue.put(i) }; queue.close() }
        let consumer = Isolate("consumer").run { var n = 0; while queue.get() != nil { n += 1 }; return n }
        _ = producer.result()
        _ = consumer.result()
    }
    return Double(messages) / elapsed
}
// [/messages]

// [speedup]
@inline(never) func fib(_ n: Int) -> Int { n < 2 ? n : fib(n - 1) + fib(n - 2) }
let job = WorkFunction("fib") { (n: Int) in fib(n) }
func jobs(on workers: Int) -> Double {
    time {
        let pool = WorkerPool(.isolates, workers: workers)
        _ = try? pool.map(job, Array(repeating: full ? 32 : 27, count: 4))
        pool.shutdown()
    }
}
let one = median(runs: rounds) { jobs(on: 1) }
let two = median(runs: rounds) { jobs(on: 2) }
// [/speedup]

// [chart]
/// A bar on a log scale: 8 characters per factor of 10 from 1 µs.
func bar(_ seconds: Double) -> String {
    String(repeating: "█", count: max(1, Int((log10(seconds * 1e6) * 8).rounded())))
}

func micros(_ seconds: Double) -> String {
    seconds >= 1e-3 ? "\(Int((seconds * 1e3).rounded())) ms" : "\(Int((seconds * 1e6).rounded())) µs"
}

let rows: [(String, Double, String)] = [
    ("Swift thread", threadStart.median, "(\(micros(threadStart.low))–\(micros(threadStart.high)))"),
    ("Swift isolate", isolateStart.median, "(\(micros(isolateStart.low))–\(micros(isolateStart.high)))"),
    ("Swift process", processStart.median, "(\(micros(processStart.low))–\(micros(processStart.high)))"),
    ("Python thread", 67e-6, "(3.11, this VM)"),
    ("Python interpreter", 1.11e-3, "(3.13b, 16 cores: 10,000 in 11.1 s)"),
    ("Python fork", 2.5e-3, "(3.11, this VM)"),
    ("Python spawn", 54e-3, "(3.11, this VM)"),
]
print("Start-up, median of \(rounds) (log scale: each 8 █ is 10× longer)")
for (name, seconds, note) in rows {
    let label = name.padding(toLength: 19, withPad: " ", startingAt: 0)
    let drawn = bar(seconds).padding(toLength: 40, withPad: " ", startingAt: 0)
    print("\(label) \(drawn) \(micros(seconds)) \(note)")
}
print("")
print("Queue between two isolates: \(Int(queueRate.median)) messages/s"
      + " (\(Int(queueRate.low))–\(Int(queueRate.high)), median of \(rounds))")
print("Python 3.14 interpreters.Queue ping-pong: about 62 messages/s (CPython issue 143017: it polls)")
print("")
let cores = sysconf(Int32(_SC_NPROCESSORS_ONLN))
print("fib(\(full ? 32 : 27)) × 4 on 1 isolate: \(String(format: "%.2f", one.median)) s"
      + " (\(String(format: "%.2f", one.low))–\(String(format: "%.2f", one.high)));"
      + " on 2 isolates: \(String(format: "%.2f", two.median)) s"
      + " (\(String(format: "%.2f", two.low))–\(String(format: "%.2f", two.high)));"
      + " speedup \(String(format: "%.2f", one.median / two.median))× on \(cores) cores")
// [/chart]
