import Glibc
import Synchronization

/// What the concurrency runtime tells about a job, through its exported C entry points.
///
/// `ExecutorJob.description` prints the same task id ("ExecutorJob(id: 3)") but formats a
/// string; the driver needs the id on every enqueue, so it calls the runtime function behind
/// it. The toolchain self-test checks that both agree.
enum RuntimeJob {
    /// The id of the task a job resumes, or nil for other jobs (an actor's drain job, which
    /// runs the queued segments of one or more tasks on that actor).
    static func taskID(_ job: UnownedJob) -> UInt64? {
        let id = _swiftTaskGetJobTaskId(job)
        return id == 0 ? nil : id
    }

    /// The type name of the actor whose queue a job drains ("Bank"), or nil for task jobs, for
    /// other kinds of job, and when this runtime's layout was not confirmed (see
    /// ``actorFieldConfirmed``).
    static func actorName(of job: UnownedJob) -> String? {
        guard actorFieldConfirmed, let address = actorAddress(of: job),
              let pointer = UnsafeRawPointer(bitPattern: address) else { return nil }
        // The job holds the actor until it runs, so the object is alive here.
        let actor = Unmanaged<AnyObject>.fromOpaque(pointer).takeUnretainedValue()
        return _typeName(type(of: actor), qualified: false)
    }

    /// The word where the runtime keeps the actor of a separately allocated default-actor job
    /// (`ProcessOutOfLineJob`: the job header, then the actor). Read, never dereferenced.
    static func actorAddress(of job: UnownedJob) -> UInt? {
        guard _swiftTaskGetJobFlags(job) & 0xFF == defaultActorSeparateKind else { return nil }
        return unsafeBitCast(job, to: UnsafeRawPointer.self).load(fromByteOffset: actorFieldOffset, as: UInt.self)
    }

    private static let defaultActorSeparateKind = 0xC1  // JobKind::DefaultActorSeparate
    private static let actorFieldOffset = 64

    /// True once a probe saw a known actor's address at ``actorFieldOffset`` of its drain job:
    /// only then are actor names read. Checked once per process; trace rows show no actor
    /// name otherwise.
    static let actorFieldConfirmed: Bool = {
        let target = ProbeActor()
        let address = UInt(bitPattern: Unmanaged.passUnretained(target).toOpaque())
        let seen = Synchronization.Mutex<[UInt]>([])
        let probe = AsyncExplorer.driveOnce(verifyJobIDs: false, onActorJob: { found in seen.withLock { $0.append(found) } }) {
            // Two tasks calling one actor: the second finds it busy, so its queue gets a drain job.
            let a = spawnTask("a") { await target.touch() }
            let b = spawnTask("b") { await target.touch() }
            await a.value
            await b.value
        }
        return probe.finding == nil && seen.withLock { $0.contains(address) }
    }()

    private actor ProbeActor {
        // Isolated state to touch: an optimised build drops the hop into an actor method that
        // reads none, and then no drain job comes.
        private var touches = 0
        func touch() { touches += 1 }
    }

    /// The file of the concurrency runtime this process uses, to key the self-test cache.
    static var runtimeLibraryPath: String? {
        typealias AddressInfo = @convention(c) (UnsafeRawPointer?, UnsafeMutableRawPointer) -> Int32
        // dladdr is a GNU extension the Glibc module does not declare: look it up.
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "dladdr"),
              let anchor = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "swift_task_getJobTaskId") else { return nil }
        var info = SymbolInfo()
        let found = withUnsafeMutableBytes(of: &info) { unsafeBitCast(symbol, to: AddressInfo.self)(anchor, $0.baseAddress!) }
        guard found != 0, let file = info.file else { return nil }
        return String(cString: file)
    }

    /// glibc's `Dl_info`.
    struct SymbolInfo {
        var file: UnsafePointer<CChar>?
        var base: UnsafeRawPointer?
        var symbolName: UnsafePointer<CChar>?
        var symbolAddress: UnsafeRawPointer?
    }

    /// The id printed by `description`, for the self-test.
    static func describedTaskID(_ job: UnownedJob) -> UInt64? {
        let text = job.description  // "UnownedJob(id: 3)" or "UnownedJob(id: nil)"
        guard let open = text.range(of: "id: "), let close = text.lastIndex(of: ")") else { return nil }
        return UInt64(text[open.upperBound..<close])
    }
}

// Exported by libswift_Concurrency since Swift 5.5; `ExecutorJob.description` uses the first.
@_silgen_name("swift_task_getJobTaskId")
private func _swiftTaskGetJobTaskId(_ job: UnownedJob) -> UInt64

@_silgen_name("swift_task_getJobFlags")
private func _swiftTaskGetJobFlags(_ job: UnownedJob) -> Int
