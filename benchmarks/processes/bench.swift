// Benchmarks of the process engine and the process API; run by run.sh, which prints medians.
import Foundation
import ParLearnKit

struct Stage: Codable, Sendable {
    var input: MessagePipe<Int>
    var output: MessagePipe<Int>
    var count: Int
}

/// A pipeline stage: receives `count` numbers, adds one, passes them on.
let forward = EntryPoint("forward") { (stage: Stage) in
    for _ in 0..<stage.count { try stage.output.send(try stage.input.receive() + 1) }
}

/// CPU-bound work: the primes below `limit` counted by trial division.
let countPrimes = EntryPoint("count primes") { (range: [Int]) -> Int in
    var found = 0
    for n in range[0]..<range[1] where n > 1 {
        var d = 2
        var prime = true
        while d * d <= n { if n % d == 0 { prime = false; break }; d += 1 }
        if prime { found += 1 }
    }
    return found
}

let nothing = EntryPoint("nothing") { (n: Int) in n }

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func median(_ runs: Int, _ body: () throws -> Void) rethrows -> Double {
    try (0..<runs).map { _ in try seconds(body) }.sorted()[runs / 2]
}

switch CommandLine.arguments.dropFirst().first ?? "" {
case "pipeline":
    // Three processes (main and two stages), ten messages through each.
    processScenario("pipeline") {
        let a = try MessagePipe<Int>("a"), b = try MessagePipe<Int>("b"), c = try MessagePipe<Int>("c")
        let s1 = try spawnProcess("S1", forward, input: Stage(input: a, output: b, count: 10))
        let s2 = try spawnProcess("S2", forward, input: Stage(input: b, output: c, count: 10))
        var sum = 0
        for i in 0..<10 { try a.send(i) }
        for _ in 0..<10 { sum += try c.receive() }
        try s1.join()
        try s2.join()
        check(sum == 65, "sum \(sum)")
    }
case "startup":
    let thread = median(200) { _ = spawn("T") { 0 }.join() }
    let task = median(200) {
        let done = DispatchSemaphore(value: 0)
        Task.detached { done.signal() }
        done.wait()
    }
    let process = try median(20) { _ = try spawnProcess("P", nothing, input: 0).join() }
    print(String(format: "thread %.1f µs  task %.1f µs  process %.2f ms", thread * 1e6, task * 1e6, process * 1e3))
case "pool":
    let limit = 3_000_000
    let chunks = (0..<8).map { [limit * $0 / 8, limit * ($0 + 1) / 8] }
    var answer = 0
    let one = try ProcessPool(workers: 1)
    _ = try one.map(nothing, [0])  // started and warm, like the two-worker pool below
    let serial = try seconds { answer = try one.map(countPrimes, chunks).reduce(0, +) }
    one.shutdown()
    let two = try ProcessPool(workers: 2)
    _ = try two.map(nothing, [0, 1])
    var again = 0
    let parallel = try seconds { again = try two.map(countPrimes, chunks).reduce(0, +) }
    precondition(again == answer, "two workers counted \(again) primes, one counted \(answer)")
    two.shutdown()
    print(String(format: "one worker %.3f s  two workers %.3f s  speed-up %.2f", serial, parallel, serial / parallel))
default:
    print("usage: bench pipeline|startup|pool")
}
