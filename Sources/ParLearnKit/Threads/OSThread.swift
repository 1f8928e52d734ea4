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

    /// Pins the calling thread to the `index`-th CPU the process may use (`sched_getaffinity`
    /// of the process, so `taskset` and container limits are respected; modulo their number).
    /// Only one controlled thread of an execution runs at a time, so keeping them on one core
    /// turns each hand-off into a cheap local wake-up.
    static func pin(toCore index: Int) {
        let cpu = allowedCPUs[index % allowedCPUs.count]
        var set = cpu_set_t()
        withUnsafeMutableBytes(of: &set) { bytes in
            let words = bytes.bindMemory(to: UInt.self)
            words[cpu / UInt.bitWidth] |= 1 << UInt(cpu % UInt.bitWidth)
        }
        _ = withUnsafeMutableBytes(of: &set) { setAffinity?(0, $0.count, $0.baseAddress!) }
    }

    /// The CPUs this process may run on, by number. Read from the process (its main thread),
    /// not the calling thread, which may already be pinned.
    static let allowedCPUs: [Int] = {
        var set = cpu_set_t()
        guard let getAffinity,
              withUnsafeMutableBytes(of: &set, { getAffinity(getpid(), $0.count, $0.baseAddress!) }) == 0
        else { return [0] }
        let cpus: [Int] = withUnsafeBytes(of: &set) { bytes in
            var found: [Int] = []
            for (word, bits) in bytes.bindMemory(to: UInt.self).enumerated() {
                for bit in 0..<UInt.bitWidth where bits & (1 << UInt(bit)) != 0 {
                    found.append(word * UInt.bitWidth + bit)
                }
            }
            return found
        }
        return cpus.isEmpty ? [0] : cpus
    }()

    /// The cores this process may run on.
    static var coreCount: Int { allowedCPUs.count }

    static var currentTid: Int32 { getTid?() ?? 0 }

    /// Ends the calling OS thread where it stands. Its Swift frames have no clean-ups to run,
    /// so their objects leak; thread-local destructors (the signal stack) do run.
    static func exitCurrent() -> Never {
        pthread_exit(nil)
    }

    /// The CPU time a thread of this process has used, in seconds: `clock_gettime` on its
    /// thread CPU clock (what `CLOCK_THREAD_CPUTIME_ID` reads for the calling thread; glibc's
    /// `pthread_getcpuclockid` builds the same id from the kernel thread id). Nil if it ended.
    static func cpuSeconds(tid: Int32) -> Double? {
        guard tid > 0 else { return nil }
        let clock = clockid_t(~tid << 3 | 6)  // CPUCLOCK_PERTHREAD_MASK | CPUCLOCK_SCHED
        var time = timespec()
        guard clock_gettime(clock, &time) == 0 else { return nil }
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// Whether a thread of this process other than the caller is running or waits for a core
    /// (state "R"). A thread that sleeps while another one is runnable may be waiting for it.
    static func othersRunnable() -> Bool {
        guard let directory = opendir("/proc/self/task") else { return false }
        defer { closedir(directory) }
        let me = currentTid
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard let tid = Int32(name), tid != me else { continue }
            if kernelState(tid: tid) == "R" { return true }
        }
        return false
    }

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
