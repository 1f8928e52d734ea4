import ParLearnKit
import SwiftSyntax

/// One construct in a source file that escapes the async checker, with the line it is on.
public struct GuardRailFinding: Sendable, Equatable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    /// The construct as written, e.g. "Task {", "Task.detached", "@MainActor".
    public var construct: String
    /// Why it escapes and what to write instead, for a learner.
    public var message: String

    public init(file: String, line: Int, column: Int, construct: String, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.construct = construct
        self.message = message
    }

    /// Compiler-style: "bank.swift:12:9: warning: Task.detached ...".
    public var description: String { "\(file):\(line):\(column): warning: \(construct): \(message)" }
}

/// The cheap check before compiling: which lines use constructs the async engine cannot
/// schedule. The engine catches the same things at run time when they actually escape (a job
/// arriving from another thread), but this names the line, and it also sees code that escapes
/// silently, such as a `Task.detached` nobody awaits.
///
/// It reads the tokens of the parsed file, not types: comments and string literals are not
/// tokens of code, and a match is a finding wherever it is in the file (a program with only
/// thread scenarios gets findings for Dispatch or threads too, which escape the thread engine
/// as well).
public enum AsyncGuardRails {
    /// `engine` chooses the advice: thread scenarios are told about `spawn` and the kit's
    /// primitives, async ones about `spawnTask` and `sleep(for:)`. Nil guesses from the source:
    /// a file that awaits anything has async scenarios. Stress programs are plain Swift, meant
    /// to use real threads, so they get none.
    public static func scan(source: String, fileName: String, engine: Engine? = nil) -> [GuardRailFinding] {
        let file = SwiftSource(source, fileName: fileName)
        let tokens = Array(file.tree.tokens(viewMode: .sourceAccurate))
        let engine = engine ?? (tokens.contains { $0.tokenKind == .keyword(.await) } ? .async : .threads)
        guard engine != .stress else { return [] }
        var findings: [GuardRailFinding] = []
        for (index, token) in tokens.enumerated() {
            for rule in engine == .async ? rules : threadRules where rule.matches(tokens, at: index) {
                let (line, column) = file.location(of: token.positionAfterSkippingLeadingTrivia)
                findings.append(GuardRailFinding(file: fileName, line: line, column: column,
                                                 construct: rule.construct, message: rule.message))
            }
        }
        return findings
    }

    private struct Rule {
        /// The construct's tokens, e.g. `@MainActor` or `Task.detached`.
        var token: String
        /// The token after the construct must be one of these (nil: anything).
        var followedBy: Set<String>?
        var construct: String
        var message: String

        /// Whether the construct starts at `index`: its tokens in order, not itself a member
        /// (`x.Task`) or part of a longer name, and followed as the rule requires.
        func matches(_ tokens: [TokenSyntax], at index: Int) -> Bool {
            let parts = Self.split(token)
            guard index + parts.count <= tokens.count,
                  index == 0 || tokens[index - 1].tokenKind != .period,
                  zip(parts, tokens[index...]).allSatisfy({ $0 == $1.text }) else { return false }
            guard let followedBy else { return true }
            let next = index + parts.count
            return next < tokens.count && followedBy.contains(tokens[next].text)
        }

        /// "Task.detached" → ["Task", ".", "detached"]; "@MainActor" → ["@", "MainActor"].
        private static func split(_ construct: String) -> [String] {
            var parts: [String] = []
            var word = ""
            for character in construct {
                if character == "." || character == "@" {
                    if !word.isEmpty { parts.append(word) }
                    parts.append(String(character))
                    word = ""
                } else {
                    word.append(character)
                }
            }
            if !word.isEmpty { parts.append(word) }
            return parts
        }
    }

    private static let unstructured =
        "an unstructured task does not inherit the checker's executor, "
        + "so it runs on other threads, unscheduled and unreplayable; use spawnTask(\"name\") { }"
    private static let rules: [Rule] = [
        Rule(token: "Task", followedBy: ["{", "("], construct: "Task {", message: unstructured),
        Rule(token: "Task.detached", construct: "Task.detached", message: unstructured),
        Rule(token: "Task.sleep", construct: "Task.sleep",
             message: "it waits on a real timer on another thread; use `await sleep(for:)`, "
                 + "which the checker runs in virtual time"),
        Rule(token: "@MainActor", construct: "@MainActor",
             message: "main-actor code runs on the main thread, outside the checker's executor; "
                 + "keep it out of async scenarios or use an ordinary actor"),
        Rule(token: "MainActor.run", construct: "MainActor.run",
             message: "it hops to the main thread, outside the checker's executor; use an ordinary actor"),
        Rule(token: "MainActor.assumeIsolated", construct: "MainActor.assumeIsolated",
             message: "it asserts the main thread, which a scenario never runs on under the checker"),
        Rule(token: "DispatchQueue", construct: "DispatchQueue",
             message: "Dispatch runs work on its own threads, outside the checker; use spawnTask and actors"),
        Rule(token: "DispatchGroup", construct: "DispatchGroup",
             message: "Dispatch runs work on its own threads, outside the checker; use withTaskGroup"),
        Rule(token: "DispatchSemaphore", construct: "DispatchSemaphore",
             message: "it blocks the checker's only thread; use an actor or AsyncStream to wait"),
        Rule(token: "Thread", followedBy: ["(", "{"], construct: "Thread",
             message: "an OS thread runs outside the checker; use spawnTask"),
        Rule(token: "Thread.detachNewThread", construct: "Thread.detachNewThread",
             message: "an OS thread runs outside the checker; use spawnTask"),
        Rule(token: "Thread.sleep", construct: "Thread.sleep",
             message: "it blocks the checker's only thread for real; use `await sleep(for:)`"),
        Rule(token: "pthread_create", construct: "pthread_create",
             message: "an OS thread runs outside the checker; use spawnTask"),
        Rule(token: "usleep", construct: "usleep",
             message: "it blocks the checker's only thread for real; use `await sleep(for:)`"),
    ]

    /// The same escapes, worded for thread scenarios, whose threads are `spawn`ed and whose
    /// waiting is done with the kit's primitives.
    private static let outsideThreads = "it runs outside the thread checker, unscheduled and unreplayable; "
        + "use spawn(\"name\") { } and join()"
    private static let unseenWait = "the checker cannot see this wait, so it cannot schedule around it; wait on "
        + "the kit's Semaphore, Channel or Condition, or call yieldNow() in a retry loop"
    private static let threadRules: [Rule] = [
        Rule(token: "Task", followedBy: ["{", "("], construct: "Task {", message: outsideThreads),
        Rule(token: "Task.detached", construct: "Task.detached", message: outsideThreads),
        Rule(token: "DispatchQueue", construct: "DispatchQueue", message: outsideThreads),
        Rule(token: "DispatchGroup", construct: "DispatchGroup", message: outsideThreads),
        Rule(token: "DispatchSemaphore", construct: "DispatchSemaphore", message: unseenWait),
        Rule(token: "Thread", followedBy: ["(", "{"], construct: "Thread", message: outsideThreads),
        Rule(token: "Thread.detachNewThread", construct: "Thread.detachNewThread", message: outsideThreads),
        Rule(token: "Thread.sleep", construct: "Thread.sleep", message: unseenWait),
        Rule(token: "pthread_create", construct: "pthread_create", message: outsideThreads),
        Rule(token: "usleep", construct: "usleep", message: unseenWait),
    ]
}
