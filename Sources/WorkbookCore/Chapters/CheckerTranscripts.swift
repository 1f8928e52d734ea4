import Foundation

/// The blocks of real checker output that chapters quote, between
/// `<!-- checker-output racy -->` (or `<!-- checker-output racy outcomes -->`) and
/// `<!-- /checker-output -->`. `parlearn transcripts` regenerates their bodies from a real
/// explore (or `outcomes` run); `--check` (run by the tests) fails when stale.
/// A chapter names its own programs (`racy`); the README names them with their chapter
/// (`00-welcome/racy`).
public enum CheckerTranscripts {
    public struct Block: Sendable, Equatable {
        /// The program whose exploration the block shows: `racy`, or `00-welcome/racy`.
        public var program: String
        /// The current body, between the markers.
        public var body: String
        /// The command whose output it quotes: `explore` or `outcomes`.
        public var command = "explore"

        /// How ``replacing(_:in:)`` names the block: "racy", or "racy outcomes".
        public var key: String { command == "explore" ? program : "\(program) \(command)" }
    }

    static var opening: Regex<(Substring, Substring, Substring?)> {
        /^<!--\s*checker-output\s+([A-Za-z0-9_\/-]+)(?:\s+(outcomes))?\s*-->$/
    }
    static var closing: Regex<Substring> { /^<!--\s*\/checker-output\s*-->$/ }

    public static func blocks(in markdown: String) -> [Block] {
        var blocks: [Block] = []
        var current: (String, String, [String])?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("<!--"), let m = line.wholeMatch(of: opening) {
                current = (String(m.1), m.2.map(String.init) ?? "explore", [])
            } else if line.hasPrefix("<!--"), line.wholeMatch(of: closing) != nil, let (name, command, body) = current {
                blocks.append(Block(program: name, body: body.joined(separator: "\n"), command: command))
                current = nil
            } else if current != nil {
                current!.2.append(String(line))
            }
        }
        return blocks
    }

    /// `markdown` with each named block's body replaced; blocks not in `bodies` are kept.
    public static func replacing(_ bodies: [String: String], in markdown: String) -> String {
        var out: [String] = []
        var skipping = false
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("<!--"), let m = line.wholeMatch(of: opening),
               let body = bodies[m.2.map { "\(m.1) \($0)" } ?? String(m.1)] {
                out.append(String(line))
                out.append(body)
                skipping = true
            } else if skipping, line.hasPrefix("<!--"), line.wholeMatch(of: closing) != nil {
                out.append(String(line))
                skipping = false
            } else if !skipping {
                out.append(String(line))
            }
        }
        return out.joined(separator: "\n")
    }

    /// The body for one exploration: the command and its plain 80-column output, fenced.
    public static func body(command: String, output: [String]) -> String {
        (["```text", "$ \(command)"] + output + ["```"]).joined(separator: "\n")
    }
}
