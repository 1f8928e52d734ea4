import Dispatch
import Foundation

/// Returns when the first of these happens: `deadline` passes, SIGINT or SIGTERM arrives, or
/// (for a worker process) its parent is gone, so no worker outlives the server that started it.
public func stopWhen(deadline: ContinuousClock.Instant, parent: pid_t? = nil) async {
    let (signals, arrived) = AsyncStream<Void>.makeStream()
    let sources = [SIGINT, SIGTERM].map { number in
        signal(number, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: number)
        source.setEventHandler { arrived.yield() }
        source.resume()
        return source
    }
    defer { sources.forEach { $0.cancel() } }
    await withTaskGroup(of: Void.self) { first in
        first.addTask { try? await Task.sleep(until: deadline) }
        first.addTask { for await _ in signals { return } }
        if let parent {
            first.addTask {
                while getppid() == parent, (try? await Task.sleep(for: .milliseconds(200))) != nil {}
            }
        }
        await first.next()
        first.cancelAll()
    }
}
