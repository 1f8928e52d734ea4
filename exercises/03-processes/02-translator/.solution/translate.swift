import ParLearnKit

/// Sends every line to the translator process and returns its answers in order.
func translateAll(_ lines: [String], requests: MessagePipe<String>, replies: MessagePipe<String>) throws -> [String] {
    // One line in flight at a time: neither pipe can fill up.
    var answers: [String] = []
    for line in lines {
        try requests.send(line)
        answers.append(try replies.receive())
    }
    return answers
}
