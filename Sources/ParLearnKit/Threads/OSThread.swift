import Glibc

/// Starting raw OS threads, pinning them to a core and naming what the kernel says they do.
enum OSThread {
    // glibc's GNU extensions are not in Swift's Glibc module (no _GNU_SOURCE): look them up once.
    private typealias AffinityCall = @convention(c) (pid_t, Int, UnsafeMutableRawPointer) -> Int32
    private typealias TidCall = @convention(c) () -> pid_t
    private static func lookup<F>(_ name: String, as type: F.Type) -> F? {
        dlsym(UnsafeMutableRawPointer(bitPattern: 0), name).map { unsafeBitCast($0, to: type) }
    }
    private static let setAffinity = lookup("sched_setaffinity", as: AffinityCall.self)
    private static let getAffinity = lookup("sched_getaffinity", as: AffinityCall.self)
    private static let getTid = lookup("gettid", as: TidCall.self)
    private typealias NameCall = @convention(c) (pthread_t, UnsafePointer<CChar>) -> Int32
    private static let setName = lookup("pthread_setname_np", as: NameCall.self)

    /// Names the calling thread for the kernel, debuggers and ThreadSanitizer (15 bytes at most).
    static func name(_ name: String) {
        _ = name.withCString { setName?(pthread_self(), $0) }
    }

    /// Starts `body` on a new detached pthread.
    static func start(stackSize: Int = 8 << 20, _ body: @escaping @Sendable () -> Void) {
        final class Box: @unchecked Sendable {  // @unchecked: handed to exactly one new thread
            let body: @Sendable () -> Void
            init(_ body: @escaping @Sendable () -> Void) { self.body = body }
        }
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        pthread_attr_setstacksize(&attributes, stackSize)
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        var thread = pthread_t()
        let box = Unmanaged.passRetained(Box(body)).toOpaque()
        let rc = pthread_create(&thread, &attributes, { raw in
            Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue().body()
            return nil
        }, box)
        pthread_attr_destroy(&attributes)
        precondition(rc == 0, "parlearn: cannot start an OS thread (pthread_create: \(rc))")
    }

    /// Pins the calling thread to `core`. Only one controlled thread of an execution runs at a
    /// time, so keeping them on one core turns each hand-off into a cheap local wake-up.
    static func pin(toCore core: Int) {
        var set = cpu_set_t()
        withUnsafeMutableBytes(of: &set) { bytes in
            let words = bytes.bindMemory(to: UInt.self)
            words[core / UInt.bitWidth] |= 1 << UInt(core % UInt.bitWidth)
        }
        _ = withUnsafeMutableBytes(of: &set) { setAffinity?(0, $0.count, $0.baseAddress!) }
    }

    /// The cores this process may run on.
    static var coreCount: Int {
        var set = cpu_set_t()
        guard let getAffinity, withUnsafeMutableBytes(of: &set, { getAffinity(0, $0.count, $0.baseAddress!) }) == 0 else { return 1 }
        let count = withUnsafeBytes(of: &set) { $0.bindMemory(to: UInt.self).reduce(0) { $0 + $1.nonzeroBitCount } }
        return max(1, count)
    }

    static var currentTid: Int32 { getTid?() ?? 0 }

    /// The scheduler state letter of a thread of this process: "R" running or runnable
    /// (spinning), "S"/"D" sleeping or waiting in the kernel (blocked), nil if unknown.
    static func kernelState(tid: Int32) -> Character? {
        guard let file = fopen("/proc/self/task/\(tid)/stat", "r") else { return nil }
        defer { fclose(file) }
        var buffer = [CChar](repeating: 0, count: 512)
        guard fgets(&buffer, Int32(buffer.count), file) != nil else { return nil }
        let line = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        // The name field is parenthesised and may contain spaces: the state follows the last ')'.
        guard let close = line.lastIndex(of: ")") else { return nil }
        return line[line.index(after: close)...].first { $0 != " " }
    }
}
