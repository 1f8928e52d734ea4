/// A task of a scenario, made by ``spawnTask(_:_:file:line:)``. It mirrors `Task`:
/// `await task.value`, `task.cancel()`, `task.isCancelled`.
public struct ScenarioTask<Success: Sendable>: Sendable {
    /// The name shown as this task's column in the interleaving table.
    public let name: String
    private let task: Task<Success, Never>

    init(name: String, task: Task<Success, Never>) {
        self.name = name
        self.task = task
    }

    /// Waits for the task to finish and returns its result.
    public var value: Success {
        get async {
            guard let execution = AsyncContext.controlled else { return await task.value }
            execution.recorder?.note("await \(name).value", task: execution.running)
            execution.setAwaiting("the value of \(name)")
            let result = await task.value
            execution.setAwaiting(nil)
            return result
        }
    }

    /// Asks the task to stop, as `Task.cancel()` does: code in it sees `Task.isCancelled`.
    public func cancel() {
        if let execution = AsyncContext.controlled {
            execution.recorder?.note("cancel \(name)", task: execution.running)
        }
        task.cancel()
    }

    /// Whether the task was asked to stop; the task itself decides when it does.
    public var isCancelled: Bool { task.isCancelled }
}

/// Starts a named task, like `Task(name:) { }`, that the checker schedules.
///
/// Use it instead of `Task { }` in a scenario: under the checker its start, each resumption
/// after an `await` and each actor hop inside it are scheduling points. A plain `Task { }` or
/// `Task.detached { }` runs outside the checker, which reports it as `uncontrolled`.
///
/// ```swift
/// let alice = spawnTask("alice") { await bank.withdraw(60) }
/// let ok = await alice.value
/// ```
@discardableResult
public func spawnTask<T: Sendable>(
    _ name: String, _ operation: @escaping @Sendable () async -> T,
    file: StaticString = #fileID, line: UInt = #line
) -> ScenarioTask<T> {
    guard let execution = AsyncContext.execution else {
        return ScenarioTask(name: name, task: Task(name: name) { await operation() })
    }
    guard execution.isOnDriver else {
        // Called from a task that escaped the checker: the new task's first job reaches the
        // executor from a foreign thread, which the driver reports as uncontrolled.
        return ScenarioTask(name: name, task: Task(name: name, executorPreference: execution) { await operation() })
    }
    execution.recorder?.note("spawnTask(\"\(name)\")", file: "\(file)", line: Int(line), task: execution.running)
    let column = ColumnBox()
    let (task, id) = execution.spawning(name) {
        Task(name: name, executorPreference: execution) {
            let result = await operation()
            if execution.isOnDriver, let id = column.value { execution.taskDidFinish(id) }
            return result
        }
    }
    column.value = id
    return ScenarioTask(name: name, task: task)
}

/// The column of a spawned task, known only once `Task.init` has enqueued its first job.
private final class ColumnBox: @unchecked Sendable {
    // @unchecked: written before the task's first job runs and read by it, both on the driver.
    var value: Int?
}
