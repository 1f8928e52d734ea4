import Foundation

/// The end of a program's output, kept while it streams: verdicts show only the end, and a
/// program printing in a loop until its timeout must not fill the memory.
public struct OutputTail: Sendable {
    /// Bytes kept while streaming.
    public static let keptBytes = 64 << 10
    /// Characters a verdict or report shows.
    public static let maxCharacters = 2000

    private var bytes = Data()

    public init() {}

    public mutating func append(_ data: Data) {
        bytes.append(data)
        if bytes.count > 2 * Self.keptBytes { bytes = bytes.suffix(Self.keptBytes) }
    }

    /// Everything kept, as text.
    public var text: String { String(decoding: bytes.suffix(Self.keptBytes), as: UTF8.self) }

    /// The last ``maxCharacters`` of `output`, marked when cut.
    public static func of(_ output: String) -> String {
        guard output.count > maxCharacters else { return output }
        return "… (earlier output cut)\n" + output.suffix(maxCharacters)
    }
}
