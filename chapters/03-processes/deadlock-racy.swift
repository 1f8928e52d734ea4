// Deliberately stuck: the parent writes every request before it reads a reply. The worker
// answers each request at once, its reply pipe fills up, and both wait for room forever.
import ParLearnKit

// [worker]
struct Lines: Codable, Sendable {
    var requests: MessagePipe<String>
    var replies: MessagePipe<String>
    var count: Int
}

/// Reads a line, writes it back in capitals, and repeats.
let shout = EntryPoint("shout") { (lines: Lines) in
    for _ in 0..<lines.count {
        try lines.replies.send(try lines.requests.receive().uppercased())
    }
}
// [/worker]

// [scenario]
processScenario("write everything, then read") {
    let requests = try MessagePipe<String>("requests", capacity: 4096)
    let replies = try MessagePipe<String>("replies", capacity: 4096)
    let line = String(repeating: "a", count: 1000)
    let count = 10
    let worker = try spawnProcess("shouter", shout, input: Lines(requests: requests, replies: replies, count: count))
    for _ in 0..<count { try requests.send(line) }        // blocks once `requests` is full
    var answered = 0
    for _ in 0..<count {
        if try replies.receive() == line.uppercased() { answered += 1 }
    }
    try worker.join()
    check(answered == count, "\(answered) of \(count) lines came back")
}
// [/scenario]
