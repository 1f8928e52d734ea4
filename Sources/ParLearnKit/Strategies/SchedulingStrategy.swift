/// Picks which runnable thread (or task) goes next at each scheduling point.
///
/// Both engines drive a strategy through the same three calls, so random walk, PCT, DFS and
/// replay are written once. Ids are small integers in creation order: 0 is the scenario's first
/// thread or task. The same strategy state and the same seed always yield the same choices.
public protocol SchedulingStrategy {
    /// Starts execution number `index`. Returns false when nothing is left to explore
    /// (DFS has covered its bounded space, or replay has run its one schedule).
    mutating func beginExecution(index: Int) -> Bool

    /// Chooses one of `runnable` (ascending, never empty). `current` is the id that made the
    /// last step, if it is still runnable; choosing another one is a preemption.
    mutating func choose(runnable: [Int], current: Int?) -> Int

    /// Ends the execution begun last; `failed` tells whether it exposed a bug.
    mutating func endExecution(failed: Bool)
}
