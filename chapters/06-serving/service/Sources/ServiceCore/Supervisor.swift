import Foundation
import Synchronization

/// The processes model's parent: starts N worker processes (this same program with `--worker K`)
/// that all listen on `port` with SO_REUSEPORT, replaces one that dies of a signal (a trapped
/// handler) before the deadline, forwards SIGINT/SIGTERM, and returns once every worker is gone.
public struct Supervisor {
    let count: Int
    let port: Int
    let deadline: ContinuousClock.Instant
    /// The arguments that make a worker, given its number and the seconds it has left.
    let workerArguments: (Int, Double) -> [String]

    public init(count: Int, port: Int, deadline: ContinuousClock.Instant,
                workerArguments: @escaping (Int, Double) -> [String]) {
        self.count = count
        self.port = port
        self.deadline = deadline
        self.workerArguments = workerArguments
    }

    public func run() throws -> Int32 {
        installStopHandler()
        var workers = try (1...count).map { try start($0) }
        var stopping = false
        while workers.contains(where: \.isRunning) {
            let now = ContinuousClock.now
            if !stopping, stopSignalled.load(ordering: .relaxed) {
                stopping = true
                for worker in workers where worker.isRunning { kill(worker.processIdentifier, SIGTERM) }
            }
            for index in workers.indices where !workers[index].isRunning {
                let dead = workers[index]
                guard dead.terminationReason == .uncaughtSignal, !stopping, now < deadline - .seconds(1) else {
                    continue
                }
                print("worker \(index + 1) (pid \(dead.processIdentifier)) died of signal \(dead.terminationStatus); "
                      + "starting worker \(index + 1) again")
                fflush(nil)     // nil: every stream (the global `stdout` is not concurrency-safe)
                workers[index] = try start(index + 1)
            }
            if now > deadline + .seconds(10) {     // a worker that ignores its deadline is killed
                for worker in workers where worker.isRunning { kill(worker.processIdentifier, SIGKILL) }
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return 0
    }

    private func start(_ number: Int) throws -> Process {
        let worker = Process()
        worker.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        // No crash backtrace in a worker: symbolicating takes seconds, during which the dying
        // worker keeps its share of the port and the connections the kernel hands it wait.
        // The trap's message still says what happened.
        worker.environment = ProcessInfo.processInfo.environment.merging(["SWIFT_BACKTRACE": "enable=no"]) { $1 }
        worker.arguments = workerArguments(number, max((deadline - ContinuousClock.now) / .seconds(1), 0.1))
        try worker.run()
        return worker
    }
}

/// Set by the SIGINT/SIGTERM handler (an atomic store is async-signal-safe); the loop polls it.
private let stopSignalled = Atomic(false)

private func installStopHandler() {
    for number in [SIGINT, SIGTERM] {
        signal(number) { _ in stopSignalled.store(true, ordering: .relaxed) }
    }
}

/// Checks that 127.0.0.1:`port` is free (0: lets the kernel pick one) and returns the port.
/// SO_REUSEADDR lets it pass over connections in TIME_WAIT but not over a listening socket.
public func probePort(_ port: Int) throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw ServiceError.usage("socket(): \(String(cString: strerror(errno)))") }
    defer { close(fd) }
    var one: Int32 = 1
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
        }
    }
    guard bound else {
        if errno == EADDRINUSE { throw ServiceError.portInUse(port) }
        throw ServiceError.usage("bind 127.0.0.1:\(port): \(String(cString: strerror(errno)))")
    }
    return Int(UInt16(bigEndian: address.sin_port))
}
