import Glibc

/// An exclusive lock on a file, held across processes (≈ `fcntl.flock(f, LOCK_EX)`), for
/// data kept in files such as a ledger.
///
/// Every process makes its own `FileLock` for the same path; the lock is the kernel's
/// (`flock(2)`), so it also excludes programs that are not ours.
///
/// ```swift
/// try FileLock(path: "ledger.txt").withLock { try appendEntry(to: "ledger.txt") }
/// ```
public struct FileLock: Sendable {
    /// The locked file; it is created if missing.
    public let path: String

    /// A lock on the file at `path`; nothing is opened or locked until `withLock`.
    public init(path: String) {
        self.path = path
    }

    /// Runs `body` while holding the lock.
    public func withLock<R>(_ body: () throws -> R) throws -> R {
        ChildRole.takeOverIfChild()
        if let broker = BrokerClient.current {
            broker.call(.lockFile(path: path))
            defer { broker.call(.unlockFile(path: path)) }
            return try body()
        }
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ProcessError.system(call: "open \(path)", errno: errno) }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else { throw ProcessError.system(call: "flock \(path)", errno: errno) }
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }
}
