import Foundation
import Glibc
import Synchronization

/// The trace of the final, trace-recording run: one step per operation, with the return
/// addresses of the call so that the learner's file and line can be found afterwards.
///
/// Only this run pays for `backtrace()`; exploration records nothing. Source lines are resolved
/// once at the end by ``SourceLocator``, with one symbolizer call per binary.
final class Recorder: @unchecked Sendable {
    // @unchecked: written by the running controlled thread only, read after the run ends.
    struct Step {
        var thread: Int
        var operation: String
        var value: String?
        var frames: [UInt]
        var file: String?
        var line: Int?
    }

    /// A trace keeps its first and last `keep` steps; a livelock makes thousands, and the
    /// middle of a spin loop says nothing new.
    static let keep = 200
    private var head: [Step] = []
    private var tail: [Step] = []
    private var tailStart = 0
    private var omitted = 0

    var steps: [Step] {
        guard omitted > 0, let last = tail.last else { return head + tail }
        let gap = Step(thread: last.thread, operation: "… \(omitted) more steps …", value: nil, frames: [], file: nil, line: nil)
        return head + [gap] + Array(tail[tailStart...]) + Array(tail[..<tailStart])
    }

    /// Records a step; returns its index in ``traceSteps()`` while it is among the first ones.
    @discardableResult
    func record(thread: Int, operation: String, value: String?, file: String? = nil, line: Int? = nil,
                frames: [UInt]? = nil) -> Int? {
        let step = Step(thread: thread, operation: operation, value: value,
                        frames: frames ?? (file == nil ? SourceLocator.callers() : []), file: file, line: line)
        if head.count < Self.keep {
            head.append(step)
            return head.count - 1
        }
        if tail.count < Self.keep {
            tail.append(step)
        } else {
            tail[tailStart] = step
            tailStart = (tailStart + 1) % Self.keep
            omitted += 1
        }
        return nil
    }

    /// The steps with their source lines, as report rows.
    func traceSteps(sourceLines: Bool = true) -> [TraceStep] {
        let steps = steps
        let sites = sourceLines ? SourceLocator.resolve(steps.map(\.frames)) : steps.map { _ in nil }
        var previous: Int?
        var lastSite: [Int: (file: String, line: Int)] = [:]
        return steps.enumerated().map { i, step in
            defer { previous = step.thread }
            var site = step.file.map { (file: SourceLocator.shortName($0), line: step.line ?? 0) } ?? sites[i]
            // Line 0 is compiler-generated code, such as the write half of `counter.value += 1`:
            // it belongs to the statement of the same thread's previous step.
            if let s = site, s.line == 0 { site = lastSite[step.thread].flatMap { $0.file == s.file ? $0 : nil } }
            if let site { lastSite[step.thread] = site }
            return TraceStep(thread: step.thread, operation: step.operation, file: site?.file, line: site?.line,
                             value: step.value, contextSwitch: previous != nil && previous != step.thread)
        }
    }
}

/// Maps return addresses to the learner's file:line: the first frame outside ParLearnKit.
enum SourceLocator {
    /// Return addresses of the current call stack in the learner's program (the main
    /// executable), innermost first: the C library, the Swift runtime and the kit's own library
    /// never hold a learner line, so they are not kept and never symbolized.
    static func callers() -> [UInt] {
        var buffer = [UInt](repeating: 0, count: 24)
        let count = buffer.withUnsafeMutableBytes { Int(ImageInfo.backtrace?($0.baseAddress!, 24) ?? 0) }
        var frames: [UInt] = []
        for address in buffer.prefix(count) {
            guard let base = ImageInfo.base(of: address), base == learnerImage else { continue }
            frames.append(address)
            if frames.count == 16 { break }
        }
        return frames
    }

    /// The load address of the main executable, which holds the learner's code (in the test
    /// bundle, the tests and the kit, whose frames are told apart by their source paths).
    private static let learnerImage: UInt? = {
        typealias AuxCall = @convention(c) (UInt) -> UInt
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "getauxval") else { return nil }
        let getauxval = unsafeBitCast(symbol, to: AuxCall.self)
        let programHeaders = getauxval(3)  // AT_PHDR: the executable's program headers, inside its image
        return programHeaders == 0 ? nil : ImageInfo.base(of: programHeaders)
    }()


    /// For each list of frames, the first one with a source line outside the kit's sources.
    /// Addresses resolved so far in this process, so step mode, which resolves the trace and
    /// then the pending operations, starts the symbolizer once (see ``prefetch(_:)``).
    private static let known = Synchronization.Mutex<[UInt: Site?]>([:])
    typealias Site = (file: String, line: Int)

    /// Resolves `frameLists` in one symbolizer call and remembers the result for ``resolve(_:)``.
    static func prefetch(_ frameLists: [[UInt]]) { _ = resolve(frameLists) }

    static func resolve(_ frameLists: [[UInt]]) -> [(file: String, line: Int)?] {
        var sites = known.withLock { $0 }
        var byImage: [String: (base: UInt, addresses: Set<UInt>)] = [:]
        for address in Set(frameLists.joined()) where sites[address] == nil {
            guard let info = ImageInfo(address), !isSystemLibrary(info.path) else { continue }
            byImage[info.path, default: (info.base, [])].addresses.insert(address)
        }
        for (path, image) in byImage {
            let addresses = Array(image.addresses)
            let lines = symbolize(path: path, offsets: addresses.map { $0 - image.base - 1 })
            for (address, site) in zip(addresses, lines) { sites[address] = .some(site) }
        }
        known.withLock { [sites] in $0 = sites }
        // The innermost learner frame wins, even at line 0 (the caller fills that in).
        return frameLists.map { frames in frames.lazy.compactMap { sites[$0] ?? nil }.first }
    }


    /// The C library and the Swift runtime hold no learner line, and symbolizing libc alone
    /// takes the symbolizer half a second.
    private static func isSystemLibrary(_ path: String) -> Bool {
        ["/lib/", "/lib64/", "/usr/lib/"].contains { path.hasPrefix($0) } || path.contains("/usr/lib/swift/")
    }

    /// Runs one symbolizer over all `offsets` of one binary; nil where no learner line is known.
    /// binutils' `addr2line` first: it answers the same for Swift's line tables and starts in a
    /// few milliseconds, where `llvm-symbolizer` first maps all of LLVM (30–250 ms, most of a
    /// report's fixed cost). binutils comes with every Swift toolchain on Linux (the linker).
    private static func symbolize(path: String, offsets: [UInt]) -> [(file: String, line: Int)?] {
        let tools: [String] = ["/usr/bin/addr2line", "/usr/bin/llvm-symbolizer"]
        guard !offsets.isEmpty, let tool = tools.first(where: { access($0, X_OK) == 0 }) else {
            return offsets.map { _ in nil }
        }
        let hex = offsets.map { "0x" + String($0, radix: 16) }
        let arguments = tool.hasSuffix("addr2line")
            ? ["-e", path] + hex
            : ["--obj=\(path)", "--no-inlines", "--output-style=GNU", "--no-demangle", "--functions=none"] + hex
        guard let output = capture(tool, arguments) else { return offsets.map { _ in nil } }
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        return offsets.indices.map { i in i < lines.count ? learnerSite(String(lines[i])) : nil }
    }

    /// The standard output of `tool` run with `arguments`: started with `posix_spawn`, read to
    /// the end, then reaped with a blocking `waitpid` (no polling).
    private static func capture(_ tool: String, _ arguments: [String]) -> String? {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return nil }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        posix_spawn_file_actions_addclose(&actions, fds[0])
        posix_spawn_file_actions_addclose(&actions, fds[1])
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let words: [String] = [tool] + arguments
        let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, tool, &actions, nil, argv, environ) == 0
        close(fds[1])
        defer { close(fds[0]) }
        guard spawned else { return nil }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fds[0], $0.baseAddress, $0.count) }
            if n > 0 { output += chunk[..<n] } else if n == 0 || errno != EINTR { break }
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return String(decoding: output, as: UTF8.self)
    }

    /// "path/racy.swift:14" or "path/racy.swift:14 (discriminator 2)" → ("racy.swift", 14),
    /// unless it is the kit's own code or not Swift source (the C library). Line 0 is kept: it
    /// marks compiler-generated code inside a learner function (`addr2line` writes it "?").
    private static func learnerSite(_ text: String) -> (file: String, line: Int)? {
        let location = text.split(separator: " ").first.map(String.init) ?? text
        guard let colon = location.lastIndex(of: ":") else { return nil }
        let number = location[location.index(after: colon)...]
        guard let line = number == "?" ? 0 : Int(number), line >= 0 else { return nil }
        let path = String(location[..<colon])
        guard path.hasSuffix(".swift"), !path.contains("/Sources/ParLearnKit/") else { return nil }
        return (shortName(path), line)
    }

    /// The file name a learner recognises: the last path component.
    static func shortName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}

/// The loaded binary an address belongs to, from `dladdr`.
struct ImageInfo {
    var path: String
    var base: UInt

    // `Dl_info` and `dladdr` are GNU extensions Swift's Glibc module leaves out; same layout.
    private struct DlInfo {
        var fname: UnsafePointer<CChar>?
        var fbase: UnsafeMutableRawPointer?
        var sname: UnsafePointer<CChar>?
        var saddr: UnsafeMutableRawPointer?
    }
    private typealias DladdrCall = @convention(c) (UnsafeRawPointer?, UnsafeMutableRawPointer) -> Int32
    private static let dladdr: DladdrCall? = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "dladdr")
        .map { unsafeBitCast($0, to: DladdrCall.self) }
    typealias BacktraceCall = @convention(c) (UnsafeMutableRawPointer, Int32) -> Int32
    /// glibc's `backtrace` (from <execinfo.h>, also outside Swift's Glibc module).
    static let backtrace: BacktraceCall? = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "backtrace")
        .map { unsafeBitCast($0, to: BacktraceCall.self) }

    /// Just the load address, cached per code page: `dladdr` scans symbol tables and costs
    /// hundreds of microseconds, while a trace asks about the same few pages again and again.
    static func base(of address: UInt) -> UInt? {
        let page = address >> 12
        if let known = basesByPage.withLock({ $0[page] }) { return known }
        var info = DlInfo()
        guard let call = dladdr,
              withUnsafeMutableBytes(of: &info, { call(UnsafeRawPointer(bitPattern: address), $0.baseAddress!) }) != 0
        else { return nil }
        let base = UInt(bitPattern: info.fbase)
        basesByPage.withLock { $0[page] = base }
        return base
    }

    private static let basesByPage = Synchronization.Mutex<[UInt: UInt]>([:])

    init?(_ address: UInt) {
        var info = DlInfo()
        guard let call = Self.dladdr,
              withUnsafeMutableBytes(of: &info, { call(UnsafeRawPointer(bitPattern: address), $0.baseAddress!) }) != 0
        else { return nil }
        base = UInt(bitPattern: info.fbase)
        let name = info.fname.map { String(cString: $0) } ?? ""
        // The main program may be named relative to the working directory, or not at all.
        path = name.hasPrefix("/") ? name
            : (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? name
    }
}
