import Glibc
import Synchronization

/// The crash record: when learner code traps or faults in explore/replay mode, the kit writes
/// `crash\t<signal>\t<scenario>\t<thread>\t<schedule so far>\n` to `<PARLEARN_REPORT>.crash`
/// (to stderr when there is no report path), then passes the signal on, so Swift's backtracer
/// prints the frames and the process dies as it would have.
///
/// The handler may only use async-signal-safe calls, so everything it needs is prepared
/// before running: one ``Slot`` per exploration stream holds the running thread's kernel id,
/// its index, the thread names and the choices made so far as raw bytes, all kept up to date
/// by the engine with plain stores. The handler finds the slot whose running thread is the
/// faulting one, encodes the schedule (same format as ``ScheduleString``) and calls write(2).
/// An `exit()` from learner code leaves an `exit\t0\t…` record the same way, from atexit.
enum CrashRecords {
    struct Slot {
        var inUse: Int32 = 0
        /// 1 while an execution runs on this stream.
        var active: Int32 = 0
        var tid: Int32 = 0
        var running: Int32 = -1
        var count: Int = 0
        /// The engine letter that starts the schedule: `T` threads, `A` async.
        var engine: UInt8 = UInt8(ascii: "T")
        var choices: UnsafeMutablePointer<UInt8>
        var names: UnsafeMutablePointer<UInt8>
    }

    static let slotCount = 16
    static let nameBytes = 48
    static let signals: [Int32] = [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE]

    // nonisolated(unsafe): read by the signal handler, which can take no lock. Written only
    // while no execution runs (prepare) or by the stream that owns the slot.
    nonisolated(unsafe) static var slots: UnsafeMutablePointer<Slot> = {
        let slots = UnsafeMutablePointer<Slot>.allocate(capacity: slotCount)
        for i in 0..<slotCount {
            slots[i] = Slot(
                choices: .allocate(capacity: Execution.stepLimit + 1),
                names: .allocate(capacity: nameBytes * Execution.threadLimit))
        }
        return slots
    }()
    nonisolated(unsafe) private static var scenario: UnsafeMutablePointer<UInt8>?
    nonisolated(unsafe) private static var scenarioLength = 0
    nonisolated(unsafe) private static var path: UnsafeMutablePointer<CChar>?
    nonisolated(unsafe) private static var installed = false
    // nonisolated(unsafe): written once before the handlers are installed, then only read by them.
    nonisolated(unsafe) private static let previous = UnsafeMutablePointer<sigaction>.allocate(capacity: signals.count)
    /// Set when the explorer itself ends the process (after a watchdog report).
    nonisolated(unsafe) static var disarmed = false
    private static let lock = Synchronization.Mutex(())

    /// Prepares the bytes of a scenario's records and installs the handlers once.
    static func prepare(scenario name: String, reportPath: String?) {
        lock.withLock { _ in
            _ = slots
            _ = OSThread.currentTid  // resolve the lookup before a handler may need it
            let bytes = Array(name.utf8.map { $0 == 9 || $0 == 10 ? 32 : $0 })
            let s = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, bytes.count))
            s.initialize(from: bytes, count: bytes.count)
            scenario = s
            scenarioLength = bytes.count
            if let reportPath {
                path = strdup(reportPath + ".crash")
            }
            guard !installed else { return }
            installed = true
            for (index, signal) in signals.enumerated() {
                var action = sigaction()
                action.__sigaction_handler.sa_sigaction = { signal, _, _ in CrashRecords.handle(signal) }
                action.sa_flags = Int32(SA_SIGINFO) | Int32(SA_ONSTACK)
                sigemptyset(&action.sa_mask)
                sigaction(signal, &action, previous + index)
            }
            atexit { CrashRecords.writeRecord(kind: "exit", signal: 0) }
        }
    }

    static func acquireSlot() -> UnsafeMutablePointer<Slot> {
        lock.withLock { _ in
            _ = slots
            for i in 0..<slotCount where slots[i].inUse == 0 {
                slots[i].inUse = 1
                slots[i].active = 0
                slots[i].engine = UInt8(ascii: "T")
                return slots + i
            }
            fatalError("parlearn: more than \(slotCount) exploration streams at once")
        }
    }

    static func releaseSlot(_ slot: UnsafeMutablePointer<Slot>) {
        lock.withLock { _ in slot.pointee.inUse = 0 }
    }

    /// Names column `id` of the slot's execution (a thread or a task), truncated to fit.
    static func setName(_ name: String, column id: Int, in slot: UnsafeMutablePointer<Slot>) {
        guard id >= 0 && id < Execution.threadLimit else { return }
        let bytes = Array(name.utf8.prefix(nameBytes - 1)).map { $0 == 9 || $0 == 10 ? 32 : $0 }
        let target = slot.pointee.names + id * nameBytes
        target.initialize(from: bytes, count: bytes.count)
        target[bytes.count] = 0
    }

    /// For the async engine: an execution starts on the calling (driver) thread.
    static func beginAsync(_ slot: UnsafeMutablePointer<Slot>) {
        slot.pointee.engine = UInt8(ascii: "A")
        slot.pointee.count = 0
        slot.pointee.running = -1
        slot.pointee.tid = OSThread.currentTid
        slot.pointee.active = 1
    }

    static func endAsync(_ slot: UnsafeMutablePointer<Slot>) { slot.pointee.active = 0 }

    /// For the async engine: column `id` was chosen and runs now.
    static func recordAsyncStep(_ id: Int, in slot: UnsafeMutablePointer<Slot>) {
        guard slot.pointee.count < Execution.stepLimit else { return }
        slot.pointee.choices[slot.pointee.count] = UInt8(truncatingIfNeeded: id)
        slot.pointee.count += 1
        slot.pointee.running = Int32(id)
    }

    /// Gives the current OS thread a signal stack, so a stack overflow can still be reported.
    /// It is freed when the thread ends, also through `pthread_exit` (a thread-local destructor).
    static func installAlternateStack() {
        let size = 64 << 10
        let memory = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        var stack = stack_t(ss_sp: memory, ss_flags: 0, ss_size: size)
        sigaltstack(&stack, nil)
        pthread_setspecific(alternateStackKey, memory)
    }

    private static let alternateStackKey: pthread_key_t = {
        var key = pthread_key_t()
        precondition(pthread_key_create(&key, { memory in
            var stack = stack_t(ss_sp: nil, ss_flags: Int32(SS_DISABLE), ss_size: 0)
            sigaltstack(&stack, nil)
            memory?.deallocate()
        }) == 0, "pthread_key_create failed")
        return key
    }()

    private static func handle(_ signal: Int32) {
        writeRecord(kind: "crash", signal: signal)
        // Hand the signal to whoever handled it before (Swift's backtracer, which prints the
        // frames that name the learner's line), else to the default action that ends the process.
        if let index = signals.firstIndex(of: signal) { sigaction(signal, previous + index, nil) }
        raise(signal)
    }

    /// Async-signal-safe: raw memory, integer arithmetic, open/write/close only.
    static func writeRecord(kind: StaticString, signal: Int32) {
        guard !disarmed, let scenario else { return }
        let tid = OSThread.currentTid
        var chosen: UnsafeMutablePointer<Slot>?
        for i in 0..<slotCount where slots[i].inUse != 0 && slots[i].active != 0 {
            if slots[i].tid == tid { chosen = slots + i; break }
            if chosen == nil { chosen = slots + i }
        }
        guard let slot = chosen else { return }
        var out = SignalSafeWriter()
        out.append(kind.utf8Start, kind.utf8CodeUnitCount)
        out.byte(9)
        out.number(Int(signal))
        out.byte(9)
        out.append(scenario, scenarioLength)
        out.byte(9)
        let running = Int(slot.pointee.running)
        if running >= 0 {
            let name = slot.pointee.names + running * nameBytes
            var n = 0
            while n < nameBytes - 1 && name[n] != 0 { n += 1 }
            out.append(name, n)
        }
        out.byte(9)
        out.schedule(engine: slot.pointee.engine, slot.pointee.choices, slot.pointee.count)
        out.byte(10)
        // With a report path the runner reads the record from its file; it is never the learner's output.
        guard let path else {
            out.flush(to: 2)
            return
        }
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if fd >= 0 {
            out.flush(to: fd)
            close(fd)
        }
    }
}

/// A fixed buffer formatted without allocation, for the signal handler.
private struct SignalSafeWriter {
    private var length = 0
    // Records are at most a few hundred bytes plus the schedule; a static arena keeps the
    // handler free of malloc.
    nonisolated(unsafe) private static let arena = UnsafeMutablePointer<UInt8>.allocate(capacity: 1 << 20)

    mutating func byte(_ b: UInt8) {
        guard length < (1 << 20) else { return }
        Self.arena[length] = b
        length += 1
    }

    mutating func append(_ bytes: UnsafePointer<UInt8>, _ count: Int) {
        for i in 0..<count { byte(bytes[i]) }
    }

    mutating func number(_ value: Int) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var v = value, n = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[n] = UInt8(48 + v % 10)
                v /= 10
                n += 1
            } while v > 0 && n < 12
            while n > 0 {
                n -= 1
                byte(d[n])
            }
        }
    }

    /// The same text as ``ScheduleString/encode(_:engine:)`` (ids fit a byte: at most two
    /// letters in version 2).
    mutating func schedule(engine: UInt8, _ choices: UnsafePointer<UInt8>, _ count: Int) {
        var wide = false
        for i in 0..<count where Int(choices[i]) > ScheduleString.maxId { wide = true }
        byte(engine)
        byte(UInt8(ascii: wide ? "2" : "1"))
        byte(UInt8(ascii: "-"))
        var i = 0
        while i < count {
            var j = i + 1
            while j < count && choices[j] == choices[i] { j += 1 }
            let id = choices[i]
            if !wide {
                byte(id < 26 ? UInt8(ascii: "a") + id : UInt8(ascii: "A") + (id - 26))
            } else {
                if id >= 26 { byte(UInt8(ascii: "a") + id / 26) }
                byte(UInt8(ascii: "A") + id % 26)
            }
            if j - i > 1 { number(j - i) }
            i = j
        }
    }

    func flush(to fd: Int32) {
        var written = 0
        while written < length {
            let n = write(fd, Self.arena + written, length - written)
            if n <= 0 { return }
            written += n
        }
    }
}
