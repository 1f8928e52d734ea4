import ParLearnKit

struct Pipes: Codable, Sendable {
    var requests: MessagePipe<String>
    var replies: MessagePipe<String>
    var count: Int
}

/// The translator: answers every line as soon as it has read it.
let translator = EntryPoint("translator") { (pipes: Pipes) in
    for _ in 0..<pipes.count {
        try pipes.replies.send(String(try pipes.requests.receive().reversed()))
    }
}

processScenario("eight long lines") {
    let requests = try MessagePipe<String>("requests", capacity: 4096)
    let replies = try MessagePipe<String>("replies", capacity: 4096)
    let lines = (0..<8).map { String(repeating: Character(String($0)), count: 1200) + "!" }
    let worker = try spawnProcess("translator", translator, input: Pipes(requests: requests, replies: replies, count: lines.count))
    let answers = try translateAll(lines, requests: requests, replies: replies)
    try worker.join()
    check(answers == lines.map { String($0.reversed()) }, "\(answers.count) answers, not the \(lines.count) translations in order")
}
