import Foundation
import Glibc
@testable import ParLearnKit

/// A loaded machine in miniature, the same on any number of cores: processes spinning on one
/// CPU, beside a child pinned to that CPU, which then gets at most 1/(hogs + 1) of it.
enum CPULoad {
    /// The CPU the load goes on: the first one this process may use.
    static let cpu = OSThread.allowedCPUs[0]

    /// Runs `body` while `hogs` processes spin on ``cpu``.
    static func withHogs<T>(_ hogs: Int, _ body: () -> T) -> T {
        let pids = (0..<hogs).compactMap { _ in
            spawn("/usr/bin/taskset", "-c", "\(cpu)", "/bin/sh", "-c", "while :; do :; done")
        }
        defer {
            for pid in pids {
                kill(pid, SIGKILL)
                waitpid(pid, nil, 0)
            }
        }
        return body()
    }

    /// Runs `body` on a thread pinned to ``cpu`` beside `hogs` spinning processes: the children
    /// it starts inherit the pinning.
    static func run<T>(hogs: Int, _ body: @escaping () -> T) -> T {
        let box = Box<T>(body)
        let done = DispatchSemaphore(value: 0)
        OSThread.start {
            OSThread.pin(toCore: 0)
            box.value = withHogs(hogs, box.body)
            done.signal()
        }
        done.wait()
        return box.value!
    }

    private static func spawn(_ words: String...) -> pid_t? {
        var pid = pid_t()
        let args: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        defer { args.forEach { free($0) } }
        return posix_spawn(&pid, words[0], nil, nil, args, environ) == 0 ? pid : nil
    }
}

private final class Box<T>: @unchecked Sendable {  // @unchecked: the value is written before `done` is signalled
    let body: () -> T
    var value: T?
    init(_ body: @escaping () -> T) { self.body = body }
}
