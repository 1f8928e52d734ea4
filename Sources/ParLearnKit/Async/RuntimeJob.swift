import Glibc

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

// Exported by libswift_Concurrency since Swift 5.5; `ExecutorJob.description` uses it.
@_silgen_name("swift_task_getJobTaskId")
private func _swiftTaskGetJobTaskId(_ job: UnownedJob) -> UInt64
