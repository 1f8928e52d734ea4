import ParLearnKit

// `LogFile`, a log file on a slow disk, lives in check.swift.

/// Merges the lines of several log files into one stream, in the order they are read. Each
/// file is read by its own task, so a slow disk does not hold up the others.
func mergedLines(of files: [LogFile]) -> AsyncStream<String> {
    let (stream, continuation) = AsyncStream.makeStream(of: String.self)
    // One task owns the end of the stream: its task group waits for every reader, and only
    // then does it finish the stream, exactly once.
    spawnTask("readers") {
        await withTaskGroup(of: Void.self) { group in
            for file in files {
                group.addTask {
                    for index in 0..<file.lineCount {
                        continuation.yield(await file.readLine(index))
                    }
                }
            }
        }
        continuation.finish()
    }
    return stream
}

/// Reads every line of every file and counts the lines and the errors among them.
func summarise(_ files: [LogFile]) async -> (lines: Int, errors: Int) {
    var lines = 0
    var errors = 0
    for await line in mergedLines(of: files) {
        lines += 1
        if line.hasPrefix("ERROR") { errors += 1 }
    }
    return (lines, errors)
}
