import Foundation

/// Reads lines from a non-terminal stdin: no prompt, no echo, no history, no escape codes.
///
/// It reads the descriptor itself rather than through `Swift.readLine()`: after a Ctrl-C cuts a
/// stdio read short (the SIGINT handler has no SA_RESTART), glibc's stdin stays in an error state
/// and the process spun instead of reading on.
final class PlainLineReader: LineReader {
    private let descriptor: Int32
    private var pending: [UInt8] = []
    private var atEnd = false

    init(descriptor: Int32 = STDIN_FILENO) {
        self.descriptor = descriptor
    }

    func readLine(prompt: String) -> LineInput {
        while true {
            if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                defer { pending.removeSubrange(...newline) }
                return .line(String(decoding: pending[..<newline], as: UTF8.self))
            }
            if atEnd {
                guard !pending.isEmpty else { return .endOfInput }
                defer { pending.removeAll() }
                return .line(String(decoding: pending, as: UTF8.self))  // a last line without "\n"
            }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                pending += chunk[..<count]
            } else if count == -1 && errno == EINTR {
                if SigintWatch.take() { return .interrupted }
            } else {
                atEnd = true  // end of input, or an unreadable stdin: both end the session
            }
        }
    }
}
