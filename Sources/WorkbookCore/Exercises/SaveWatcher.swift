import Foundation

/// `watch`'s loop: runs an action now and again after every save of the watched files, until
/// asked to stop.
public struct SaveWatcher {
    public var files: [URL]
    /// How long to wait between looks at the files.
    public var interval: Duration
    private let sleep: (Duration) -> Void

    public init(files: [URL], interval: Duration = .milliseconds(250),
                sleep: @escaping (Duration) -> Void = { Thread.sleep(forTimeInterval: Double($0.components.seconds)
                    + Double($0.components.attoseconds) / 1e18) }) {
        self.files = files
        self.interval = interval
        self.sleep = sleep
    }

    /// Calls `onChange` once, then after each change of the files' size or modification time,
    /// until it returns `.done` or `.stopped`. `stopRequested` is polled before every wait (Ctrl-C
    /// in the REPL). Returns what `onChange` ended it with, or `.stopped` on a stop request.
    @discardableResult
    public func watch(stopRequested: () -> Bool, onChange: () -> Next) -> Next {
        var last = FileStamps(files)
        let first = onChange()
        if first != .keepWatching { return first }
        while !stopRequested() {
            sleep(interval)
            let now = FileStamps(files)
            if now != last {
                last = now
                let next = onChange()
                if next != .keepWatching { return next }
            }
        }
        return .stopped
    }

    public enum Next: Sendable, Equatable {
        case keepWatching, done, stopped
    }
}

/// Size and modification time of files, to notice a save.
struct FileStamps: Equatable {
    var stamps: [String]

    init(_ urls: [URL]) {
        stamps = urls.map { url in
            let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
            let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            return "\(attributes?[.size] ?? 0)@\(modified)"
        }
    }
}
