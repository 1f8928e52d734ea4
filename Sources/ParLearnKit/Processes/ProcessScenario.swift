import Foundation

/// Declares a scenario whose main process starts worker processes (the process engine).
///
/// The body is the parent's code, Python's `if __name__ == "__main__":` block: workers never
/// run it. Declare entry points at the top level, above the scenario. Entry points declared in
/// another file are globals that Swift creates on first use, which a worker never reaches: list
/// them in `entryPoints` so that every process creates them before the scenario starts.
///
/// - plain mode: the body runs once with real processes; an error it throws is printed and
///   the program exits 1.
/// - explore mode: the checker runs the body under many schedules. Every process of a schedule
///   is a real process with its own memory; every message, shared-memory access, lock and
///   file lock is a scheduling point of one schedule across all of them, shown with one column
///   per process. It stops at the first bug, minimises it and reports it.
/// - replay mode: the body runs once under `PARLEARN_SCHEDULE` (a `P1-…` string).
///
/// ```swift
/// let square = EntryPoint("square") { (n: Int) in n * n }
///
/// processScenario("squares") {
///     let pool = try ProcessPool(workers: 2)
///     let total = try pool.map(square, [1, 2, 3]).reduce(0, +)
///     check(total == 14, "the sum is \(total)")
/// }
/// ```
public func processScenario(_ name: String, entryPoints: [any EntryPointProtocol] = [],
                            _ body: @escaping @Sendable () throws -> Void) {
    ChildRole.takeOverIfChild()
    let request = ProgramRun.request
    guard request.mode != .plain else {
        if let only = request.scenario, only != name { return }
        StressHarness.refuseScenario(name, kind: "a process scenario", instead: "explore it or run it")
        do {
            try body()
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            exit(1)
        }
        return
    }
    runCheckedScenario(name, request: request) {
        (ProcessExplorer.explore(request: request, scenario: name, body: body), false)
    }
}
