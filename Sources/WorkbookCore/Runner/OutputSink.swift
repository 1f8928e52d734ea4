import CProcessControl
import Foundation

/// The parent's side of a child's output: a pipe, or an unlinked temporary file read as it grows
/// (see ``ChildProcess/OutputChannel``). Used by one thread, for one run.
final class OutputSink {
    /// The descriptor the parent reads.
    let parentEnd: Int32
    /// The descriptor the child writes (the same one for a file, which both sides share).
    let childEnd: Int32
    private let isFile: Bool
    private var offset: off_t = 0
    private var pipeOpen = true
    private var buffer = [UInt8](repeating: 0, count: 65536)

    init?(_ channel: ChildProcess.OutputChannel) {
        switch channel {
        case .pipe:
            var fds: [Int32] = [0, 0]
            // Close-on-exec, so children started meanwhile by other threads do not hold it open.
            guard pl_pipe_cloexec(&fds) == 0 else { return nil }
            (parentEnd, childEnd, isFile) = (fds[0], fds[1], false)
        case .file:
            var template = Array((NSTemporaryDirectory() + "/parlearn-output-XXXXXX").utf8CString)
            let fd = pl_mkstemp_cloexec_append(&template)
            guard fd >= 0 else { return nil }
            unlink(template)
            (parentEnd, childEnd, isFile) = (fd, fd, true)
        }
    }

    /// After the spawn: the parent keeps only its own end of a pipe.
    func closeChildEnd() {
        if !isFile { Foundation.close(childEnd) }
    }

    func close() {
        Foundation.close(parentEnd)
    }

    /// Bytes the child has written so far (files only; a pipe's are not counted here).
    var bytesWritten: Int {
        var info = stat()
        return isFile && fstat(parentEnd, &info) == 0 ? Int(info.st_size) : 0
    }

    /// New output, or nil after waiting up to `waitingMilliseconds` for some.
    func read(waitingMilliseconds: Int32) -> Data? {
        if isFile {
            let n = pread(parentEnd, &buffer, buffer.count, offset)
            if n > 0 {
                offset += off_t(n)
                return Data(buffer[0..<n])
            }
        } else if pipeOpen {
            var pfd = pollfd(fd: parentEnd, events: Int16(POLLIN), revents: 0)
            if poll(&pfd, 1, waitingMilliseconds) > 0 {
                let n = Foundation.read(parentEnd, &buffer, buffer.count)
                if n > 0 { return Data(buffer[0..<n]) }
                pipeOpen = false
            }
            return nil
        }
        if waitingMilliseconds > 0 { usleep(UInt32(waitingMilliseconds) * 1000) }
        return nil
    }
}
