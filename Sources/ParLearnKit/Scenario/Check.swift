import Foundation

/// Receives failed `check`s for the execution running on the current OS thread.
///
/// Each engine installs one on every thread that runs learner code under its control (the
/// thread engine on its controlled threads, the async engine on its driver thread).
protocol InvariantSink: AnyObject {
    /// Records the failure. Returning lets the execution run to its end; the engine decides
    /// when to stop it.
    func invariantFailed(message: String, file: String, line: Int)
}

/// The thread-local slot that `check` reads.
enum CurrentExecution {
    // A pthread key because the thread engine runs learner code on its own OS threads,
    // where neither task-locals nor actor isolation apply.
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        precondition(pthread_key_create(&key, nil) == 0, "pthread_key_create failed")
        return key
    }()

    /// The sink for this thread. The engine keeps the sink alive while it is installed.
    static var sink: InvariantSink? {
        get {
            guard let raw = pthread_getspecific(key) else { return nil }
            return Unmanaged<AnyObject>.fromOpaque(raw).takeUnretainedValue() as? InvariantSink
        }
        set {
            let raw = newValue.map { Unmanaged.passUnretained($0 as AnyObject).toOpaque() }
            pthread_setspecific(key, raw)
        }
    }
}

/// States an invariant of the scenario, such as "no money is lost".
///
/// Under the checker a failure marks the schedule as a bug of kind `invariant` and the message
/// appears in the report. In a plain run it prints the message and exits with status 1.
public func check(
    _ condition: Bool, _ message: @autoclosure () -> String,
    file: StaticString = #fileID, line: UInt = #line
) {
    guard !condition else { return }
    // #fileID is "Module/file.swift"; learners know their file by its name.
    let fileName = String(String(describing: file).split(separator: "/").last ?? "")
    if let sink = CurrentExecution.sink {
        sink.invariantFailed(message: message(), file: fileName, line: Int(line))
    } else if ProgramRun.request.mode != .plain {
        // Code the engine does not control (an escaped `Task {}`): exiting would lose the report.
        FileHandle.standardError.write(Data("check failed outside the checker's control at \(fileName):\(line): \(message())\n".utf8))
    } else if StressHarness.stressesScenario {
        StressHarness.scenarioCheckFailed(message(), file: fileName, line: Int(line))
    } else {
        FileHandle.standardError.write(Data("check failed at \(fileName):\(line): \(message())\n".utf8))
        exit(1)
    }
}
