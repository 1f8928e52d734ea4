// The fixed twin of deadlock-racy.swift: the parent reads each reply before it sends the next
// request, so neither pipe ever holds more than one line.
import ParLearnKit

struct Lines: Codable, Sendable {
    var requests: MessagePipe<String>
    var replies: MessagePipe<String>
    var count: Int
}

let shout = EntryPoint("shout") { (lines: Lines) in
    for _ in 0..<lines.count {
        try lines.replies.send(try lines.requests.receive().uppercased())
    }
}

// [scenario]
processScenario("one line at a time") {
    let requests = try MessagePipe<String>("requests", capacity: 4096)
    let replies = try MessagePipe<String>("replies", capacity: 4096)
    let line = String(repeating: "a", count: 1000)
    let count = 10
    let worker = try spawnProcess("shouter", shout, input: Lines(requests: requests, replies: replies, count: count))
    var answered = 0
    for _ in 0..<count {
        try requests.send(line)
        if try replies.receive() == line.uppercased() { answered += 1 }
    }
    try worker.join()
    check(answered == count, "\(answered) of \(count) lines came back")
}
// [/scenario]
