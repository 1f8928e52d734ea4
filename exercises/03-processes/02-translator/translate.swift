import ParLearnKit

/// Sends every line to the translator process and returns its answers in order.
func translateAll(_ lines: [String], requests: MessagePipe<String>, replies: MessagePipe<String>) throws -> [String] {
    // TODO: both pipes hold only 4096 bytes, and the translator answers each line at once.
    for line in lines {
        try requests.send(line)
    }
    var answers: [String] = []
    for _ in lines {
        answers.append(try replies.receive())
    }
    return answers
}
