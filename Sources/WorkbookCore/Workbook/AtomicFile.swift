import Foundation

/// Writes a file by writing a sibling temporary file and renaming it over the target,
/// so a reader never sees half a file.
public enum AtomicFile {
    public static func write(_ data: Data, to path: String) throws {
        var info = stat()
        // Renaming over a device or a pipe would replace it: /dev/null would become a file.
        if stat(path, &info) == 0, info.st_mode & S_IFMT != S_IFREG {
            throw failure("\(path) is not a regular file; not replacing it")
        }
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent()
        let tmp = dir.appendingPathComponent(
            ".\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        try data.write(to: tmp)
        if rename(tmp.path, url.path) != 0 {
            let code = errno
            try? FileManager.default.removeItem(at: tmp)
            throw failure("cannot replace \(path): \(String(cString: strerror(code)))")
        }
    }

    private static func failure(_ description: String) -> CocoaError {
        CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: description])
    }
}
