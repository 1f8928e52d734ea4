import Foundation

/// `exercises/checks.lock`: the SHA-256 of every exercise's check file and manifest, committed
/// with the content so `grade` can warn when a student edited a check or a budget.
///
/// The format is `sha256sum`'s: one `<hex>  <path>` line per file, paths relative to the
/// exercises folder, sorted. `cd exercises && sha256sum -c checks.lock` verifies it by hand
/// (it skips `#` lines). A `# points <n>  <folder>` line records each exercise's points, so an
/// exercise that was deleted or no longer loads still counts toward the maximum.
public struct ChecksLock: Sendable, Equatable {
    /// Relative path → lowercase hex digest.
    public var digests: [String: String]
    /// Exercise folder (relative) → points.
    public var points: [String: Int]

    public init(digests: [String: String], points: [String: Int] = [:]) {
        self.digests = digests
        self.points = points
    }

    /// Every exercise folder the lock names, sorted: those with points and those with hashes.
    public var folders: [String] {
        let hashed = digests.keys.map { path in path.split(separator: "/").dropLast().joined(separator: "/") }
        return Array(Set(hashed).union(points.keys)).sorted()
    }

    /// The files a lock covers for one exercise, relative to the exercises folder.
    public static func lockedFiles(of exercise: Exercise, root: URL) -> [String] {
        let folder = relativePath(of: exercise.directory, under: root)
        return [ExerciseLayout.manifest, exercise.checkFile].map { folder.isEmpty ? $0 : "\(folder)/\($0)" }
    }

    /// Hashes every exercise's locked files as they are now. Unreadable files are left out
    /// (verification then reports them).
    public static func compute(for catalog: ExerciseCatalog) -> ChecksLock {
        var digests: [String: String] = [:]
        var points: [String: Int] = [:]
        for exercise in catalog.exercises {
            points[relativePath(of: exercise.directory, under: catalog.root)] = exercise.points
            for path in lockedFiles(of: exercise, root: catalog.root) {
                if let data = FileManager.default.contents(atPath: catalog.root.appendingPathComponent(path).path) {
                    digests[path] = SHA256.hex(data)
                }
            }
        }
        return ChecksLock(digests: digests, points: points)
    }

    public var text: String {
        digests.keys.sorted().map { "\(digests[$0]!)  \($0)\n" }.joined()
            + points.keys.sorted().map { "\(Self.pointsPrefix)\(points[$0]!)  \($0)\n" }.joined()
    }

    private static let pointsPrefix = "# points "

    public struct ParseError: Error, CustomStringConvertible, Sendable {
        public var line: Int
        public var message: String
        public var description: String { "\(ExerciseLayout.checksLock):\(line): \(message)" }
    }

    public static func parse(_ text: String) throws(ParseError) -> ChecksLock {
        var digests: [String: String] = [:]
        var points: [String: Int] = [:]
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            if line.hasPrefix(pointsPrefix) {
                let fields = line.dropFirst(pointsPrefix.count).split(separator: " ", maxSplits: 1)
                guard fields.count == 2, let value = Int(fields[0]), value >= 0 else {
                    throw ParseError(line: index + 1, message: "expected `# points <n>  <exercise folder>`")
                }
                points[String(fields[1].drop { $0 == " " })] = value
                continue
            }
            if line.hasPrefix("#") { continue }
            let parts = line.split(separator: " ", maxSplits: 1)
            let hex = parts.first.map(String.init) ?? ""
            guard parts.count == 2, hex.count == 64, hex.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else {
                throw ParseError(line: index + 1, message: "expected `<64 lowercase hex digits>  <path>`")
            }
            // sha256sum writes two spaces, or a space and `*` for binary mode.
            var path = parts[1].drop { $0 == " " }
            if path.hasPrefix("*") { path = path.dropFirst() }
            guard !path.isEmpty else { throw ParseError(line: index + 1, message: "missing path") }
            digests[String(path)] = hex
        }
        return ChecksLock(digests: digests, points: points)
    }

    public struct Mismatch: Sendable, Equatable, CustomStringConvertible {
        public enum Problem: String, Sendable { case changed, missingFile = "missing file", notInLock = "not in the lock" }
        public var path: String
        public var exerciseID: String
        public var problem: Problem
        public var description: String {
            switch problem {
            case .changed: "\(path) (\(exerciseID)) differs from its recorded hash"
            case .missingFile: "\(path) (\(exerciseID)) is missing"
            case .notInLock: "\(path) (\(exerciseID)) has no recorded hash in \(ExerciseLayout.checksLock)"
            }
        }
    }

    /// Every locked file of `catalog` whose current hash differs from this lock's, in path order.
    public func mismatches(in catalog: ExerciseCatalog) -> [Mismatch] {
        var found: [Mismatch] = []
        for exercise in catalog.exercises {
            for path in ChecksLock.lockedFiles(of: exercise, root: catalog.root) {
                guard let recorded = digests[path] else {
                    found.append(Mismatch(path: path, exerciseID: exercise.id, problem: .notInLock))
                    continue
                }
                guard let data = FileManager.default.contents(atPath: catalog.root.appendingPathComponent(path).path) else {
                    found.append(Mismatch(path: path, exerciseID: exercise.id, problem: .missingFile))
                    continue
                }
                if SHA256.hex(data) != recorded {
                    found.append(Mismatch(path: path, exerciseID: exercise.id, problem: .changed))
                }
            }
        }
        return found.sorted { $0.path < $1.path }
    }
}

/// `url`'s path relative to `root` (both standardised), or the full path if it is not inside.
func relativePath(of url: URL, under root: URL) -> String {
    let base = root.standardizedFileURL.resolvingSymlinksInPath().path
    let path = url.standardizedFileURL.resolvingSymlinksInPath().path
    guard path.hasPrefix(base + "/") else { return path == base ? "" : path }
    return String(path.dropFirst(base.count + 1))
}
