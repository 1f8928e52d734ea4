import Foundation
import Glibc
import Synchronization

/// A block of integers shared between processes, like `multiprocessing.Array("q", n)` or a
/// `shared_memory.SharedMemory` viewed as integers, with a process-shared ``lock``.
///
/// Processes share nothing else: a global variable written in one is never seen by another.
/// Create the region in the parent and pass it to workers inside their input (it is
/// `Codable`). Reading and writing through the subscript are plain loads and stores, so
/// `bank[0] -= 30` in two processes at once can lose an update. Fix it with the lock or with
/// the atomic operations:
///
/// ```swift
/// let bank = try SharedMemory("bank", count: 2, initialValue: 100)
/// bank.lock.withLock { bank[0] -= 30; bank[1] += 30 }   // both accounts as one step
/// bank.wrappingAdd(5, at: 1)                              // one atomic read-modify-write
/// ```
///
/// Plain mode maps a real `shm_open` object (unlinked at once, so nothing is left in
/// `/dev/shm`) into each process with `mmap`.
public final class SharedMemory: Codable, Sendable {
    /// The name shown in traces.
    public let name: String
    /// How many integers the region holds.
    public let count: Int
    let fd: Int32
    // nonisolated(unsafe): the mapping is shared memory by design; the subscript's unsynchronised
    // accesses are the lesson, and the lock and atomics are the fix. Nil under the checker.
    nonisolated(unsafe) let base: UnsafeMutableRawPointer?
    /// The region's id in the checker's broker, which keeps its values (explore mode).
    let brokered: Int?

    /// Bytes before the first integer: room for the process-shared mutex.
    static let headerBytes = 64

    /// Creates a region of `count` integers, each set to `initialValue`.
    public init(_ name: String, count: Int, initialValue: Int = 0) throws {
        ChildRole.takeOverIfChild()
        precondition(count > 0, "a shared memory region holds at least one integer")
        self.name = name
        self.count = count
        if let broker = BrokerClient.current {
            fd = -1
            base = nil
            brokered = broker.number(.createRegion(name: name, count: count, initialValue: initialValue))
            return
        }
        brokered = nil
        let osName = "/parlearn.\(getpid()).\(Self.serial.wrappingAdd(1, ordering: .relaxed).newValue)"
        let opened = shm_open(osName, O_CREAT | O_EXCL | O_RDWR, 0o600)
        guard opened >= 0 else { throw ProcessError.system(call: "shm_open", errno: errno) }
        shm_unlink(osName)
        let fd = try RealChild.inheritable(opened)
        guard ftruncate(fd, off_t(Self.size(count))) == 0 else { throw ProcessError.system(call: "ftruncate", errno: errno) }
        self.fd = fd
        let base = try Self.map(fd: fd, count: count)
        self.base = base
        ProcessLock.initialize(base.assumingMemoryBound(to: pthread_mutex_t.self))
        for i in 0..<count { cell(i).initialize(to: initialValue) }
    }

    private static let serial = Synchronization.Atomic<Int>(0)

    private static func size(_ count: Int) -> Int { headerBytes + count * MemoryLayout<Int>.stride }

    private static func map(fd: Int32, count: Int) throws -> UnsafeMutableRawPointer {
        let p = mmap(nil, size(count), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0)
        guard let p, p != MAP_FAILED else { throw ProcessError.system(call: "mmap", errno: errno) }
        return p
    }

    private enum CodingKeys: String, CodingKey { case name, count, fd, brokered }

    /// Maps a region handed to a worker process in its input.
    public required init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        count = try c.decode(Int.self, forKey: .count)
        fd = try c.decode(Int32.self, forKey: .fd)
        brokered = try c.decodeIfPresent(Int.self, forKey: .brokered)
        guard brokered == nil else {
            base = nil
            return
        }
        var info = stat()
        guard fstat(fd, &info) == 0, Int(info.st_size) == Self.size(count) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription:
                "shared memory \(name) was not inherited by this process: pass it in a worker's input"))
        }
        base = try Self.map(fd: fd, count: count)
    }

    /// Writes the region's name, size and descriptor, which a worker inherits, so it can map it.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(count, forKey: .count)
        try c.encode(fd, forKey: .fd)
        try c.encodeIfPresent(brokered, forKey: .brokered)
    }

    deinit { if let base { munmap(base, Self.size(count)) } }

    private func check(_ index: Int) {
        precondition(index >= 0 && index < count, "index \(index) is outside shared memory \(name) of \(count) integers")
    }

    private func cell(_ index: Int) -> UnsafeMutablePointer<Int> {
        check(index)
        return (base! + Self.headerBytes).assumingMemoryBound(to: Int.self) + index
    }

    /// Under the checker every access is an operation of the broker, which holds the values.
    private func ask(_ request: (Int) -> BrokerRequest) -> Int? {
        guard let brokered, let broker = BrokerClient.current else { return nil }
        return broker.number(request(brokered))
    }

    private func atomic(_ index: Int) -> UnsafeMutablePointer<Synchronization.Atomic<Int>> {
        UnsafeMutableRawPointer(cell(index)).assumingMemoryBound(to: Synchronization.Atomic<Int>.self)
    }

    /// The integer at `index`: a plain, unsynchronised load or store, like `arr[i]` on a
    /// `multiprocessing.Array` used without its lock.
    public subscript(index: Int) -> Int {
        get {
            check(index)
            return ask { .read(region: $0, index: index) } ?? cell(index).pointee
        }
        set {
            check(index)
            if ask({ .write(region: $0, index: index, value: newValue) }) == nil { cell(index).pointee = newValue }
        }
    }

    /// The region's process-shared lock (≈ `Array.get_lock()`).
    public var lock: ProcessLock { ProcessLock(region: self) }

    /// Atomically reads the integer at `index`.
    public func load(at index: Int) -> Int {
        check(index)
        return ask { .load(region: $0, index: index) } ?? atomic(index).pointee.load(ordering: .sequentiallyConsistent)
    }

    /// Atomically writes the integer at `index`.
    public func store(_ value: Int, at index: Int) {
        check(index)
        if ask({ .store(region: $0, index: index, value: value) }) == nil {
            atomic(index).pointee.store(value, ordering: .sequentiallyConsistent)
        }
    }

    /// Atomically adds `operand` to the integer at `index`; returns the old and the new value.
    @discardableResult
    /// Adds `operand` to the integer at `index` atomically, as one indivisible step.
    public func wrappingAdd(_ operand: Int, at index: Int) -> (oldValue: Int, newValue: Int) {
        check(index)
        if let old = ask({ .add(region: $0, index: index, value: operand) }) { return (old, old &+ operand) }
        return atomic(index).pointee.wrappingAdd(operand, ordering: .sequentiallyConsistent)
    }

    /// Atomically replaces the integer at `index` with `desired` if it equals `expected`.
    @discardableResult
    /// Stores `desired` at `index` only if it still holds `expected`, atomically.
    public func compareExchange(expected: Int, desired: Int, at index: Int) -> (exchanged: Bool, original: Int) {
        check(index)
        if let old = ask({ .compareExchange(region: $0, index: index, expected: expected, desired: desired) }) {
            return (old == expected, old)
        }
        return atomic(index).pointee.compareExchange(expected: expected, desired: desired, ordering: .sequentiallyConsistent)
    }
}

/// A lock shared by processes, living inside a ``SharedMemory`` region (a robust,
/// process-shared `pthread_mutex_t`). If its holder dies, the next process to lock it gets it.
public struct ProcessLock: Sendable {
    let region: SharedMemory

    private var mutex: UnsafeMutablePointer<pthread_mutex_t> { region.base!.assumingMemoryBound(to: pthread_mutex_t.self) }

    static func initialize(_ mutex: UnsafeMutablePointer<pthread_mutex_t>) {
        var attributes = pthread_mutexattr_t()
        pthread_mutexattr_init(&attributes)
        pthread_mutexattr_setpshared(&attributes, Int32(PTHREAD_PROCESS_SHARED))
        pthread_mutexattr_setrobust(&attributes, Int32(PTHREAD_MUTEX_ROBUST))
        pthread_mutex_init(mutex, &attributes)
        pthread_mutexattr_destroy(&attributes)
    }

    /// Waits for the lock and takes it.
    public func lock() {
        if let id = region.brokered, let broker = BrokerClient.current {
            broker.call(.lock(region: id))
            return
        }
        // A holder that died leaves EOWNERDEAD: the region's values may be half updated, but
        // the lock must stay usable for the workers that are left.
        if pthread_mutex_lock(mutex) == EOWNERDEAD { pthread_mutex_consistent(mutex) }
    }

    /// Releases the lock.
    public func unlock() {
        if let id = region.brokered, let broker = BrokerClient.current {
            broker.call(.unlock(region: id))
            return
        }
        pthread_mutex_unlock(mutex)
    }

    /// Runs `body` holding the lock (≈ `with arr.get_lock():`).
    public func withLock<R>(_ body: () throws -> R) rethrows -> R {
        lock()
        defer { unlock() }
        return try body()
    }
}
