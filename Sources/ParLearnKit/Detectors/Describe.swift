/// Phrases findings for a learner, with thread names and, when the trace has them, source lines.
struct Describe {
    let names: [String]
    let trace: [TraceStep]
    /// What a column is: "thread" (thread engine) or "process" (process engine).
    var unit = "thread"

    struct Text {
        var message: String
        var details: [String]
        var asDetails: [String] { [message] + details }
    }

    func finding(_ finding: Finding) -> Text {
        switch finding {
        case .invariant(let message, let file, let line, let thread):
            let place = file.isEmpty ? "" : " at \(SourceLocator.shortName(file)):\(line)"
            return Text(message: message, details: ["the check\(place) failed in \(name(thread))"])
        case .deadlock(let blocked):
            return deadlock(blocked)
        case .livelock(let steps, let spinners, let cycle):
            let who = spinners.map(name).joined(separator: " and ")
            // Whose turn it is, once per turn: [1, 1, 2, 2] is T0's turn, then T1's.
            let order = cycle.enumerated()
                .filter { $0.offset == 0 || cycle[$0.offset - 1] != $0.element }.map(\.element)
            let turns = order.count > 1
                ? ["the threads take turns forever: " + order.map(name).joined(separator: ", ")
                    + ", again and again; each gives way to the next, and none gets through"]
                : []
            return Text(
                message: "\(who) made \(steps) steps without the scenario finishing, although every thread got "
                    + "its turn: a thread seems to spin, waiting for something that never happens",
                details: turns + ["hint: do not wait in a loop over a shared value (`while !flag.value {}`); "
                    + "block with a Condition, a Semaphore, a Channel or join, which the checker can see"])
        case .threadLimit(let limit):
            return Text(
                message: "the scenario started more than \(limit) threads; the checker controls at most \(limit) "
                    + "per schedule, so it could not check this scenario",
                details: ["this is a limit of the checker, not a bug in your program",
                          "hint: use a few worker threads that share the work (for example through a Channel) "
                            + "instead of one thread per item"])
        case .stepLimit(let limit):
            return Text(
                message: "the scenario made \(limit) steps without finishing and without any thread waiting in a "
                    + "loop; the checker explores at most \(limit) steps per schedule, "
                    + "so it could not check this scenario",
                details: ["this is a limit of the checker, not a verdict on your program: it may loop forever, "
                            + "or just do more work than the checker follows",
                          "hint: check a smaller instance of the problem (fewer items, fewer rounds)"])
        case .race(let race):
            return Text(
                message: "data race on \(race.variable): \(access(race.later)) is unordered with \(access(race.earlier))",
                details: ["no lock, join, semaphore, channel or atomic orders these two accesses, so on real hardware they can happen at the same time; protect \(race.variable) with a Mutex or make it an Atomic"])
        case .breach(let breach):
            let accesses = "\(isolateAccess(breach.later)) and \(isolateAccess(breach.earlier))"
            return Text(
                message: "isolation breach on \(breach.variable): \(accesses), but it is one process-wide global,"
                    + " not a copy per isolate",
                details: ["every isolate sees the same \(breach.variable), so one isolate's write reaches the others"
                          + " (as a C extension's static state does across Python sub-interpreters); give each"
                          + " isolate its own copy with IsolateLocal, or pass the value with each request"])
        case .lockOrder(let edges):
            let parts = edges.map { e in
                "\(name(e.thread)) takes \(e.to)\(at(e.toStep)) while holding \(e.from)\(at(e.fromStep))"
            }
            return Text(
                message: "potential deadlock: the locks are taken in a cycle (" + edges.map(\.from).joined(separator: " → ") + " → \(edges.first?.from ?? ""))",
                details: parts + ["on another schedule each thread can hold its first lock and wait for the next one forever; take the locks in one global order"])
        case .crashed(_, let description):
            return Text(message: description, details: [])
        case .uncaught(let thread, let message):
            return Text(message: "\(name(thread)) threw an error nobody caught: \(message)",
                        details: ["catch it with do/catch, or let `check` state what must hold"])
        case .stuck(let thread, let spinning, let seconds):
            let who = name(thread)
            let seconds = String(format: "%.1f", seconds)
            if spinning {
                return Text(
                    message: "\(who) used \(seconds) s of CPU time without reaching a scheduling point: "
                        + "it is spinning in code the checker cannot see",
                    details: ["the thread's own CPU clock kept running while it made no step the checker sees",
                              "hint: read shared state through Shared or Atomic and wait with a blocking primitive "
                                + "(Condition, Semaphore, join), not a busy loop over plain variables"])
            }
            return Text(
                message: "\(who) is blocked in something the checker cannot see (a real lock such as Synchronization.Mutex or NSLock, sleep, Dispatch, or I/O)",
                details: ["the kernel reports the thread as sleeping; it reached no scheduling point for \(seconds) s", "hint: use the kit's Mutex, Lock, Condition, Semaphore or Channel, which the checker controls; the exploration stopped here"])
        }
    }

    /// The note for background threads still running when a schedule ended.
    static func background(_ names: [String]) -> [String] {
        guard !names.isEmpty else { return [] }
        let who = names.count == 1
            ? "background thread \(names[0]) was" : "background threads \(names.joined(separator: ", ")) were"
        return ["the \(who) still running when the other threads had finished; the scenario ended there, "
                + "as a program ends with its daemon threads still running"]
    }

    private func deadlock(_ blocked: [BlockedThread]) -> Text {
        var details = blocked.map { b in
            "\(name(b.thread)) waits for \(b.waitsFor)"
                + (b.holderOwns ? b.holder.map { $0 == b.thread ? ", which it holds itself" : ", held by \(name($0))" } ?? "" : "")
        }
        if let cycle = waitForCycle(blocked) {
            let path = cycle.map { b in "\(name(b.thread)) → \(b.waitsFor)" }.joined(separator: " → ")
            details.append("wait-for cycle: \(path) → \(name(cycle[0].thread))")
        }
        let summary = blocked.map { "\(name($0.thread)) waits for \($0.waitsFor)" }.joined(separator: "; ")
        return Text(message: "deadlock: no \(unit) can continue (\(summary))", details: details)
    }

    /// Follows "waits for something held by" from each blocked thread until a thread repeats.
    private func waitForCycle(_ blocked: [BlockedThread]) -> [BlockedThread]? {
        let byThread = Dictionary(blocked.map { ($0.thread, $0) }, uniquingKeysWith: { a, _ in a })
        for start in blocked {
            var path: [BlockedThread] = []
            var at: BlockedThread? = start
            while let b = at, !path.contains(where: { $0.thread == b.thread }) {
                path.append(b)
                at = b.holder.flatMap { byThread[$0] }
            }
            if let b = at, let i = path.firstIndex(where: { $0.thread == b.thread }) { return Array(path[i...]) }
        }
        return nil
    }

    private func access(_ a: Access) -> String {
        "\(a.isWrite ? "write" : "read") by \(name(a.thread))\(at(a.step))"
    }

    private func isolateAccess(_ a: Access) -> String {
        "isolate \(name(a.thread)) \(a.isWrite ? "writes" : "reads") it\(at(a.step))"
    }

    private func at(_ step: Int?) -> String {
        guard let step, step < trace.count, let file = trace[step].file, let line = trace[step].line else { return "" }
        return " at \(file):\(line)"
    }

    private func name(_ thread: Int) -> String {
        thread >= 0 && thread < names.count ? names[thread] : "thread \(thread)"
    }
}
