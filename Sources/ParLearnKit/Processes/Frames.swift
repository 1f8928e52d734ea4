import Foundation
import Glibc

/// Length-prefixed frames on a file descriptor: 4 bytes of big-endian length, then the bytes.
/// A frame longer than ``limit`` means the other side wrote something that is not a frame.
enum Frames {
    static let limit = 256 << 20

    /// Writes one frame, retrying partial writes; blocks while the pipe is full.
    static func write(_ data: Data, to fd: Int32) throws {
        var length = UInt32(data.count).bigEndian
        var bytes = Data(bytes: &length, count: 4)
        bytes.append(data)
        try writeAll(bytes, to: fd)
    }

    static func writeAll(_ bytes: Data, to fd: Int32) throws {
        var error: ProcessError?
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    error = errno == EPIPE ? .pipeClosed(pipe: "fd \(fd)") : .system(call: "write", errno: errno)
                    return
                }
                offset += n
            }
        }
        if let error { throw error }
    }

    /// Reads one frame. Nil when the writer closed the pipe between frames (clean end).
    static func read(from fd: Int32, sender: String) throws -> Data? {
        guard let header = try readExactly(4, from: fd, sender: sender, atStart: true) else { return nil }
        let length = header.withUnsafeBytes { Int(UInt32(bigEndian: $0.loadUnaligned(as: UInt32.self))) }
        guard length <= limit else {
            let text = String(decoding: header, as: UTF8.self)
            throw ProcessError.badMessage(from: sender, reason: "the bytes on the pipe are not a message (a frame of \(length) bytes, starting \(text.debugDescription)); did it print to the pipe?")
        }
        guard let body = try readExactly(length, from: fd, sender: sender, atStart: false) else { return nil }
        return body
    }

    private static func readExactly(_ count: Int, from fd: Int32, sender: String, atStart: Bool) throws -> Data? {
        var data = Data(count: count)
        var got = 0
        var failure: ProcessError?
        data.withUnsafeMutableBytes { raw in
            while got < count {
                let n = Glibc.read(fd, raw.baseAddress! + got, count - got)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = .system(call: "read", errno: errno)
                    return
                }
                if n == 0 { return }
                got += n
            }
        }
        if let failure { throw failure }
        if got == count { return data }
        if got == 0 && atStart { return nil }
        throw ProcessError.badMessage(from: sender, reason: "the pipe closed in the middle of a message (\(got) of \(count) bytes)")
    }
}
