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
struct LockOrderGraph {
    private var edges: [LockEdge] = []
    private(set) var cycle: [LockEdge]?

    /// Adds the edges for `thread` taking `lock` while holding `held` (oldest first).
    mutating func acquire(_ lock: ObjectIdentifier, name: String, step: Int?, thread: Int,
                          holding held: [(id: ObjectIdentifier, name: String, step: Int?)]) {
        for h in held where h.id != lock {
            let key = (h.id, lock)
            if ids.contains(where: { $0 == key }) { continue }
            ids.append(key)
            edges.append(LockEdge(from: h.name, to: name, thread: thread, fromStep: h.step, toStep: step))
            if cycle == nil, let path = path(from: lock, to: h.id) {
                cycle = path + [edges[edges.count - 1]]
            }
        }
    }

    private var ids: [(ObjectIdentifier, ObjectIdentifier)] = []

    /// A path of edges from `start` to `goal`, by breadth-first search (graphs are tiny).
    private func path(from start: ObjectIdentifier, to goal: ObjectIdentifier) -> [LockEdge]? {
        var previous: [ObjectIdentifier: Int] = [:]
        var queue = [start]
        var seen: Set<ObjectIdentifier> = [start]
        while !queue.isEmpty {
            let node = queue.removeFirst()
            if node == goal {
                var result: [LockEdge] = []
                var at = goal
                while at != start, let e = previous[at] {
                    result.insert(edges[e], at: 0)
                    at = ids[e].0
                }
                return result
            }
            for (i, pair) in ids.enumerated() where pair.0 == node && !seen.contains(pair.1) {
                seen.insert(pair.1)
                previous[pair.1] = i
                queue.append(pair.1)
            }
        }
        return nil
    }
}
