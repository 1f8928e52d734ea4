import Foundation
import Glibc
@testable import ParLearnKit

/// A loaded machine in miniature, the same on any number of cores: `body` runs on a thread
/// pinned to one CPU beside `hogs` processes spinning on that CPU, so a child it starts (which
/// inherits the pinning) gets at most 1/(hogs + 1) of a core.
enum CPULoad {
    static func run<T>(hogs: Int, _ body: @escaping () -> T) -> T {
        let box = Box<T>(body)
        let done = DispatchSemaphore(value: 0)
        OSThread.start {
            OSThread.pin(toCore: 0)
            let pids = (0..<hogs).compactMap { _ in spawn("/bin/sh", "-c", "while :; do :; done") }
            box.value = box.body()
            for pid in pids {
                kill(pid, SIGKILL)
                waitpid(pid, nil, 0)
            }
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
