/// One "took `to` while holding `from`" observation.
struct LockEdge: Equatable {
    var from: String
    var to: String
    var thread: Int
    /// Trace steps of the two acquisitions, in the trace-recording run only.
    var fromStep: Int?
    var toStep: Int?
}

/// Lockdep-style lock-order graph of one execution: an edge A → B each time a thread takes B
/// while holding A. A cycle means some schedule can deadlock, even if this one did not.
///
/// Goodlock's conditions (Havelund 2000; Agarwal, Wang and Stoller 2005) keep it from crying
/// wolf: the edges of a reported cycle come from different threads, and no two of them were
/// made while holding a common lock. A common lock is a *gate*: it lets only one of the threads
/// into its nested acquisitions at a time, so the cycle can never close (dining philosophers
/// with a waiter lock around picking up both forks).
struct LockOrderGraph {
    private struct Observed {
        var edge: LockEdge
        var from: ObjectIdentifier
        var to: ObjectIdentifier
        /// Every lock the thread held when it took `to`, `from` included.
        var held: Set<ObjectIdentifier>
    }

    private var observed: [Observed] = []
    private(set) var cycle: [LockEdge]?

    /// Adds the edges for `thread` taking `lock` while holding `held` (oldest first).
    mutating func acquire(_ lock: ObjectIdentifier, name: String, step: Int?, thread: Int,
                          holding held: [(id: ObjectIdentifier, name: String, step: Int?)]) {
        let heldIds = Set(held.map(\.id))
        for h in held where h.id != lock {
            let seen = observed.contains {
                $0.from == h.id && $0.to == lock && $0.edge.thread == thread && $0.held == heldIds
            }
            if seen { continue }
            let new = Observed(edge: LockEdge(from: h.name, to: name, thread: thread, fromStep: h.step, toStep: step),
                               from: h.id, to: lock, held: heldIds)
            observed.append(new)
            if cycle == nil, let path = path(from: lock, to: h.id, after: [new]) {
                cycle = (path + [new]).map(\.edge)
            }
        }
    }

    /// Edges leading from `start` back to `goal` that close a cycle with `chain`: each from a
    /// thread not yet in it and held-lock sets disjoint from all of its own (no gate lock).
    /// Depth first with backtracking; the graphs of learner scenarios have a handful of edges.
    private func path(from start: ObjectIdentifier, to goal: ObjectIdentifier, after chain: [Observed]) -> [Observed]? {
        if start == goal { return [] }
        for next in observed where next.from == start
            && !chain.contains(where: { $0.edge.thread == next.edge.thread || !$0.held.isDisjoint(with: next.held) })
            && (next.to == goal || !chain.contains(where: { $0.from == next.to })) {
            if let rest = path(from: next.to, to: goal, after: chain + [next]) { return [next] + rest }
        }
        return nil
    }
}
