import Foundation

/// One stack frame as ThreadSanitizer or Swift's backtracer prints it.
public struct StackFrame: Sendable, Equatable {
    /// The (mangled) function name.
    public var function: String
    /// The source file's path, when the frame has debug info.
    public var file: String?
    public var line: Int?

    public var fileName: String? { file.map { ($0 as NSString).lastPathComponent } }
}

/// One `WARNING: ThreadSanitizer: …` block, parsed.
public struct SanitizerWarning: Sendable, Equatable {
    /// "data race", "Swift access race", …
    public var kind: String
    public var accesses: [Access]
    /// The global's mangled name, when the memory is a global.
    public var global: String?
    /// "heap block of size 32" and its allocation stack, when the memory is on the heap.
    public var heapBlock: String?
    public var allocation: [StackFrame]
    /// TSan's thread ids ("T1") mapped to the names the threads gave themselves.
    public var threadNames: [String: String]

    public struct Access: Sendable, Equatable {
        /// "write", "read" or "modifying access".
        public var operation: String
        /// TSan's id of the thread: "T1", or "main".
        public var thread: String
        public var frames: [StackFrame]
        /// True for the earlier of the two accesses ("Previous write …").
        public var previous: Bool
    }

    /// The name the program gave the thread, else TSan's id ("main thread" for the main thread).
    public func name(of access: Access) -> String {
        if access.thread == "main" { return "main thread" }
        return threadNames[access.thread].flatMap { $0.isEmpty ? nil : $0 } ?? access.thread
    }
}

/// Reads ThreadSanitizer's text output (warnings and a deadly signal) into structured records.
public enum SanitizerOutput {
    /// Every warning in `text`, in order.
    public static func warnings(in text: String) -> [SanitizerWarning] {
        var result: [SanitizerWarning] = []
        var current: SanitizerWarning?
        var section = Section.none
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("WARNING: ThreadSanitizer: ") {
                if let done = current { result.append(done) }
                let kind = line.dropFirst("WARNING: ThreadSanitizer: ".count).split(separator: " (pid=").first ?? ""
                current = SanitizerWarning(kind: String(kind), accesses: [], global: nil, heapBlock: nil,
                                           allocation: [], threadNames: [:])
                section = .none
                continue
            }
            guard current != nil else { continue }
            if line.hasPrefix("SUMMARY: ThreadSanitizer") || line.hasPrefix("==================") {
                if let done = current { result.append(done) }
                current = nil
            } else if line.hasPrefix("#") {
                guard let frame = frame(line) else { continue }
                switch section {
                case .access: current!.accesses[current!.accesses.count - 1].frames.append(frame)
                case .allocation: current!.allocation.append(frame)
                case .none: break
                }
            } else if let access = accessHeader(line) {
                current!.accesses.append(access)
                section = .access
            } else if line.hasPrefix("Location is global '") {
                current!.global = line.dropFirst("Location is global '".count).split(separator: "'").first.map(String.init)
                section = .none
            } else if line.hasPrefix("Location is heap block") {
                let text = line.dropFirst("Location is ".count)
                current!.heapBlock = text.components(separatedBy: " at 0x").first
                section = .allocation
            } else if line.hasPrefix("Thread T"), let (id, name) = threadLine(line) {
                current!.threadNames[id] = name
                section = .none
            } else if line.hasPrefix("Mutex ") || line.isEmpty {
                section = line.isEmpty && section == .allocation ? .none : section
            }
        }
        if let done = current { result.append(done) }
        return result
    }

    private enum Section { case none, access, allocation }

    /// "Write of size 8 at 0x… by thread T1:", "Previous modifying access of Swift variable at 0x… by main thread:"
    static func accessHeader(_ line: String) -> SanitizerWarning.Access? {
        guard line.hasSuffix(":") || line.contains(" (mutexes:"), let by = line.range(of: " by ") else { return nil }
        var head = line[..<by.lowerBound].lowercased()
        let previous = head.hasPrefix("previous ")
        if previous { head = String(head.dropFirst("previous ".count)) }
        let operation: String
        if head.hasPrefix("modifying access") { operation = "modifying access" }
        else if head.hasPrefix("read") { operation = "read" }
        else if head.hasPrefix("write") || head.hasPrefix("atomic write") { operation = "write" }
        else { return nil }
        let who = line[by.upperBound...]
        let thread: String
        if who.hasPrefix("main thread") { thread = "main" }
        else if who.hasPrefix("thread ") {
            thread = String(who.dropFirst("thread ".count).prefix { $0 != ":" && $0 != " " })
        } else { return nil }
        return .init(operation: operation, thread: thread, frames: [], previous: previous)
    }

    /// "Thread T2 'T1' (tid=…, running) created by …"
    static func threadLine(_ line: String) -> (String, String)? {
        let parts = line.dropFirst("Thread ".count).split(separator: " ", maxSplits: 1)
        guard parts.count == 2 else { return nil }
        let rest = parts[1]
        guard rest.hasPrefix("'"), let close = rest.dropFirst().firstIndex(of: "'") else { return (String(parts[0]), "") }
        return (String(parts[0]), String(rest[rest.index(after: rest.startIndex)..<close]))
    }

    /// "#1 $s14LearnerProgram6stress… /tmp/x/racy.swift:12:46 (prog+0xfcd33) (BuildId: …)"
    static func frame(_ line: String) -> StackFrame? {
        var text = Substring(line.drop { $0 != " " }.dropFirst())
        if let build = text.range(of: " (BuildId: ") { text = text[..<build.lowerBound] }
        if text.hasSuffix(")"), let open = text.range(of: " (", options: .backwards) { text = text[..<open.lowerBound] }
        guard let space = text.lastIndex(of: " ") else { return StackFrame(function: String(text)) }
        let function = String(text[..<space])
        let location = text[text.index(after: space)...]
        if location == "<null>" { return StackFrame(function: function) }
        let pieces = location.split(separator: ":")
        if pieces.count >= 2, let line = Int(pieces[1]) {
            return StackFrame(function: function, file: String(pieces[0]), line: line)
        }
        return StackFrame(function: function, file: String(location))
    }

    /// The TSan deadly-signal block: "ERROR: ThreadSanitizer: SEGV on unknown address …" and its frames.
    public static func deadlySignal(in text: String) -> (description: String, frames: [StackFrame])? {
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let start = lines.firstIndex(where: { $0.contains("ERROR: ThreadSanitizer: ") }) else { return nil }
        let header = lines[start].components(separatedBy: "ERROR: ThreadSanitizer: ").last ?? ""
        let description = header.components(separatedBy: " (pc ").first ?? header
        let frames = lines[(start + 1)...].prefix { !$0.hasPrefix("SUMMARY:") }.filter { $0.hasPrefix("#") }
            .compactMap(frame)
        return (description, frames)
    }

    /// The readable name of a global from its mangled symbol: "$s14LearnerProgram3SDKO6apiKeySSSgvpZ"
    /// gives "SDK.apiKey". Types nested with O/C/V markers are kept; the module name is dropped.
    public static func variableName(mangled: String) -> String? {
        guard mangled.hasPrefix("$s") else { return nil }
        let chars = Array(mangled.dropFirst(2))
        var index = 0
        var names: [String] = []
        func identifier() -> String? {
            var digits = ""
            while index < chars.count, chars[index].isNumber { digits.append(chars[index]); index += 1 }
            guard let length = Int(digits), length > 0, index + length <= chars.count else { return nil }
            defer { index += length }
            return String(chars[index..<index + length])
        }
        while let name = identifier() {
            names.append(name)
            // A nominal-type marker followed by another identifier continues the path; anything else is the type.
            guard names.count < 2 || (index + 1 < chars.count && "OCV".contains(chars[index]) && chars[index + 1].isNumber)
            else { break }
            if names.count >= 2 { index += 1 }
        }
        return names.count >= 2 ? names.dropFirst().joined(separator: ".") : nil
    }

    /// A race TSan reports inside `Synchronization.Mutex` on Linux although the lock orders the
    /// accesses: the contended path hands the lock over with FUTEX_LOCK_PI, which TSan cannot see.
    /// Both accesses then sit in a `withLock` body (a closure taking `inout sending` and returning
    /// `sending`), or the memory is a global Mutex.
    public static func isMutexFalsePositive(_ warning: SanitizerWarning) -> Bool {
        if let global = warning.global, global.contains("15Synchronization5MutexV") { return true }
        func inWithLock(_ access: SanitizerWarning.Access) -> Bool {
            guard let top = access.frames.first?.function else { return false }
            return top.contains("zYu") && top.contains("YTXE")
        }
        return warning.accesses.count == 2 && warning.accesses.allSatisfy(inWithLock)
    }
}
