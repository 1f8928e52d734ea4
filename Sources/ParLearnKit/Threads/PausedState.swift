/// Step mode: what an execution looked like at the decision where it stopped, with the return
/// addresses of each thread's pending operation still unresolved.
struct PausedState {
    struct Thread {
        var info: PendingThread
        var frames: [UInt]
    }

    var threads: [Thread]
    var shared: [PrimitiveState]

    /// The report form, with each pending operation's learner source line (one symbolizer call).
    /// `trace` is the prefix's trace, for the lines the compiler leaves out.
    func resolved(step: Int, sourceLines: Bool, trace: [TraceStep]) -> DecisionPoint {
        let sites = sourceLines ? SourceLocator.resolve(threads.map(\.frames)) : threads.map { _ in nil }
        let pending = zip(threads, sites).map { thread, site -> PendingThread in
            var info = thread.info
            guard let site, info.status != .finished else { return info }
            info.file = SourceLocator.shortName(site.file)
            info.line = site.line
            // Line 0 is compiler-generated code, such as the write half of `x += 1`: it belongs
            // to the statement of the thread's last traced step.
            if site.line == 0, let last = trace.last(where: { $0.thread == info.id && $0.file == info.file }) {
                info.line = last.line
            }
            if info.line == 0 { info.file = nil; info.line = nil }
            return info
        }
        return DecisionPoint(step: step, threads: pending, shared: shared)
    }
}
