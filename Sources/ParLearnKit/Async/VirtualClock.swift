import Foundation

/// The virtual time of one execution. Nothing sleeps for real: when no job can run, the driver
/// moves the clock to the earliest deadline and wakes those sleepers, in the order they slept.
/// A scenario with a 10-minute timeout therefore explores in microseconds, and deterministically.
final class VirtualTimeline {
    private struct Sleeper {
        var deadline: Duration
        var id: Int
        var continuation: CheckedContinuation<Void, Never>
    }

    private(set) var now: Duration = .zero
    private var sleepers: [Sleeper] = []
    private var cancelled: Set<Int> = []
    private var nextID = 0

    func reserveID() -> Int {
        defer { nextID += 1 }
        return nextID
    }

    func add(id: Int, after duration: Duration, _ continuation: CheckedContinuation<Void, Never>) {
        if cancelled.remove(id) != nil {
            continuation.resume()
            return
        }
        let deadline = now + max(duration, .zero)
        // Stable: equal deadlines wake in the order they were added.
        let index = sleepers.firstIndex { $0.deadline > deadline } ?? sleepers.count
        sleepers.insert(Sleeper(deadline: deadline, id: id, continuation: continuation), at: index)
    }

    /// Ends sleep `id` early (its task was cancelled).
    func cancel(id: Int) {
        if let index = sleepers.firstIndex(where: { $0.id == id }) {
            sleepers.remove(at: index).continuation.resume()
        } else {
            cancelled.insert(id)
        }
    }

    /// Moves to the earliest deadline and wakes every sleeper due then; nil when none sleeps.
    func advance() -> Duration? {
        guard let first = sleepers.first else { return nil }
        now = first.deadline
        while let next = sleepers.first, next.deadline == now {
            sleepers.removeFirst().continuation.resume()
        }
        return now
    }

    static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        if attoseconds == 0 { return "\(seconds)s" }
        let ms = Double(seconds) * 1000 + Double(attoseconds) / 1e15
        return ms >= 1000 ? "\(ms / 1000)s" : "\(ms)ms"
    }
}

extension AsyncExecution {
    /// Sleeps in virtual time; returns early when the task is cancelled.
    func sleep(for duration: Duration) async {
        guard !Task.isCancelled else { return }
        let id = timeline.reserveID()
        await withTaskCancellationHandler {
            await withCheckedContinuation { self.timeline.add(id: id, after: duration, $0) }
        } onCancel: {
            // Cancellation comes from kit code on the driver thread (ScenarioTask.cancel or a
            // parent's cancellation propagating), so the timeline is touched on its thread.
            if self.isOnDriver { self.timeline.cancel(id: id) }
        }
    }
}

/// Suspends the current task for `duration`, like `Task.sleep(for:)`.
///
/// Under the checker (explore and replay) the time is virtual: the sleep is a scheduling
/// point, and when every task waits the clock jumps to the next deadline, so timeouts and
/// retries explore instantly and replay exactly. In a plain run it really sleeps.
/// A cancelled task returns early instead of throwing; check `Task.isCancelled` after it.
///
/// `Task.sleep` itself escapes the checker (it waits on a real timer on another thread).
public func sleep(for duration: Duration, file: StaticString = #fileID, line: UInt = #line) async {
    if let execution = AsyncContext.controlled {
        execution.recorder?.note("sleep(for: \(VirtualTimeline.format(duration))) at t=\(VirtualTimeline.format(execution.timeline.now))",
                                 file: "\(file)", line: Int(line), task: execution.running)
        await execution.sleep(for: duration)
    } else {
        try? await Task.sleep(for: duration)
    }
}

/// A `Clock` that reads the checker's virtual time in explore and replay mode and real
/// (monotonic) time in a plain run, for code that takes `some Clock`.
///
/// ```swift
/// let clock = VirtualClock()
/// let start = clock.now
/// await sleep(for: .seconds(5))
/// check(clock.now - start >= .seconds(5), "slept less than 5 s")
/// ```
public struct VirtualClock: Clock {
    /// A point in the clock's time.
    public struct Instant: InstantProtocol {
        /// Time since the start of the execution (virtual) or of the process (plain).
        public var offset: Duration

        /// The instant `offset` after the start.
        public init(offset: Duration) { self.offset = offset }
        /// The instant `duration` later.
        public func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        /// The time from this instant to `other`.
        public func duration(to other: Instant) -> Duration { other.offset - offset }
        /// Whether `lhs` comes first.
        public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
        /// `clock.now - start`, as with `ContinuousClock.Instant`.
        public static func - (lhs: Instant, rhs: Instant) -> Duration { lhs.offset - rhs.offset }
    }

    private static let processStart = ContinuousClock.now

    /// The clock; every instance reads the same time.
    public init() {}

    /// The current virtual time under the checker, else time since the process started.
    public var now: Instant {
        if let execution = AsyncContext.controlled { return Instant(offset: execution.timeline.now) }
        return Instant(offset: Self.processStart.duration(to: .now))
    }

    /// The smallest step the clock can tell apart.
    public var minimumResolution: Duration { .nanoseconds(1) }

    /// Sleeps until `deadline`; throws `CancellationError` when the task is cancelled, as the
    /// `Clock` contract asks.
    public func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
        await ParLearnKit.sleep(for: now.duration(to: deadline))
        try Task.checkCancellation()
    }
}
