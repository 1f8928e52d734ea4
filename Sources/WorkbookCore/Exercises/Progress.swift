import Foundation
import ParLearnKit

/// A learner's progress: one small, human-readable JSON file in the state folder.
public struct LearnerProgress: Codable, Sendable, Equatable {
    public static let currentVersion = 1

    public var version: Int = LearnerProgress.currentVersion
    /// The exercise `start` opened last: what `check`, `hint` and `edit` act on without an id.
    public var current: String?
    /// Keyed by exercise id. Exercises never touched have no entry (status untried).
    public var exercises: [String: ExerciseProgress] = [:]

    public init(current: String? = nil, exercises: [String: ExerciseProgress] = [:]) {
        self.current = current
        self.exercises = exercises
    }

    public subscript(id: String) -> ExerciseProgress {
        get { exercises[id] ?? ExerciseProgress() }
        set { exercises[id] = newValue }
    }

    /// Records a check's verdict. Passing once unlocks the solution for good. Verdicts that say
    /// nothing about the learner's code (Ctrl-C, a broken exercise) leave progress unchanged.
    public mutating func record(_ verdict: CheckVerdict, at date: Date) {
        guard verdict.kind != .interrupted && verdict.kind != .error else { return }
        var entry = self[verdict.exerciseID]
        entry.status = verdict.passed ? .passed : .failed
        entry.lastChecked = date
        entry.lastVerdict = verdict.kind.rawValue
        if verdict.passed && entry.firstPassed == nil { entry.firstPassed = date }
        self[verdict.exerciseID] = entry
    }

    /// Problems a hand edit can introduce that decoding alone does not catch.
    func validationProblem() -> String? {
        if version != LearnerProgress.currentVersion {
            return "unsupported version \(version) (expected \(LearnerProgress.currentVersion))"
        }
        if let (id, _) = exercises.first(where: { $0.value.hintsShown < 0 }) { return "negative hintsShown for \(id)" }
        return nil
    }
}

public struct ExerciseProgress: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        case passed, failed, untried

        /// The exercise table's mark: ✓ passed, ✗ failed, · not tried yet.
        public var symbol: String {
            switch self {
            case .passed: "✓"
            case .failed: "✗"
            case .untried: "·"
            }
        }
    }

    public var status: Status = .untried
    public var hintsShown: Int = 0
    public var lastChecked: Date?
    /// The verdict kind of the last check, e.g. `timed-out`.
    public var lastVerdict: String?
    /// Set the first time the exercise passed; the solution stays unlocked afterwards.
    public var firstPassed: Date?

    public init(status: Status = .untried, hintsShown: Int = 0, lastChecked: Date? = nil, lastVerdict: String? = nil,
                firstPassed: Date? = nil) {
        self.status = status
        self.hintsShown = hintsShown
        self.lastChecked = lastChecked
        self.lastVerdict = lastVerdict
        self.firstPassed = firstPassed
    }

    // Explicit so that a hand-written entry may leave out any field.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        status = try c.decodeIfPresent(Status.self, forKey: .status) ?? .untried
        hintsShown = try c.decodeIfPresent(Int.self, forKey: .hintsShown) ?? 0
        lastChecked = try c.decodeIfPresent(Date.self, forKey: .lastChecked)
        lastVerdict = try c.decodeIfPresent(String.self, forKey: .lastVerdict)
        firstPassed = try c.decodeIfPresent(Date.self, forKey: .firstPassed)
    }
}

/// Compact UTC stamps for file names, e.g. `20261202T014200Z`.
enum FileStamp {
    static func string(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: date)
    }
}

/// Reads and writes `progress.json` in the state folder (``WorkbookPaths/state``). A file that
/// cannot be trusted is set aside, never fatal.
public struct ProgressStore: Sendable {
    public static let fileName = "progress.json"

    /// A second copy of every save: a progress file that is later corrupted is restored from it.
    public static let backupName = "progress.backup.json"

    public let directory: URL
    public var fileURL: URL { directory.appendingPathComponent(ProgressStore.fileName) }
    public var backupURL: URL { directory.appendingPathComponent(ProgressStore.backupName) }

    public init(directory: URL) {
        self.directory = directory
    }

    public struct Loaded: Sendable {
        public var progress: LearnerProgress
        /// Set when the file was unreadable: what happened and where the old copy went.
        public var notice: String?
        /// The unreadable file was replaced by its backup, so nothing needs rebuilding.
        public var restored = false
    }

    /// The saved progress, or empty progress with a notice when the file was corrupt or hand-edited
    /// into something invalid. The bad file is kept as `progress.corrupt-<stamp>.json`.
    public func load(now: Date = Date()) -> Loaded {
        guard let data = FileManager.default.contents(atPath: fileURL.path) else {
            return Loaded(progress: LearnerProgress())
        }
        let problem: String
        do {
            let progress = try Self.decoder.decode(LearnerProgress.self, from: data)
            guard let invalid = progress.validationProblem() else { return Loaded(progress: progress) }
            problem = invalid
        } catch {
            problem = Self.describe(error)
        }
        let backup = directory.appendingPathComponent("progress.corrupt-\(FileStamp.string(now)).json")
        let kept: String
        do {
            try FileManager.default.moveItem(at: fileURL, to: backup)
            kept = "it was moved to \(backup.path)"
        } catch {
            kept = "it could not be moved aside (\(error.localizedDescription)) and will be overwritten"
        }
        if let data = FileManager.default.contents(atPath: backupURL.path),
           let backup = try? Self.decoder.decode(LearnerProgress.self, from: data), backup.validationProblem() == nil {
            return Loaded(progress: backup, notice: "\(fileURL.path) could not be read (\(problem)); \(kept). "
                              + "Your progress was restored from its backup, \(backupURL.path).", restored: true)
        }
        return Loaded(
            progress: LearnerProgress(),
            notice: "\(fileURL.path) could not be read (\(problem)); \(kept). "
                + "LearnerProgress starts empty: re-check your exercises to rebuild it."
        )
    }

    /// Writes the progress and its backup, each atomically.
    public func save(_ progress: LearnerProgress) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let data = try Self.encoder.encode(progress)
        try AtomicFile.write(data, to: fileURL.path)
        try AtomicFile.write(data, to: backupURL.path)
    }

    /// Why a save failed, naming the folder and the variable that moves it.
    public func saveProblem(_ error: Error) -> String {
        let reason = FolderProblem.reason(creating: directory, error: error)
        return "could not save your progress in \(directory.path) (\(reason)); "
            + "set PARLEARN_STATE_DIR to a folder you can write"
    }

    /// Loads, changes and saves in one step; returns what was saved.
    @discardableResult
    public func update(now: Date = Date(), _ change: (inout LearnerProgress) -> Void) throws -> LearnerProgress {
        var progress = load(now: now).progress
        change(&progress)
        try save(progress)
        return progress
    }

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context) where context.codingPath.isEmpty:
            return "not valid JSON: \(context.debugDescription)"
        case DecodingError.dataCorrupted(let context), DecodingError.typeMismatch(_, let context),
             DecodingError.valueNotFound(_, let context), DecodingError.keyNotFound(_, let context):
            return "at \(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
        default: return "\(error)"
        }
    }
}

extension ExerciseCatalog {
    /// What to do after `id`, rustlings-style: the first exercise after it in folder order that
    /// has not passed, else the first earlier one; nil when every other exercise has passed.
    public func next(after id: String, progress: LearnerProgress) -> Exercise? {
        guard let index = exercises.firstIndex(where: { $0.id == id }) else { return nil }
        let order = exercises[(index + 1)...] + exercises[..<index]
        return order.first { progress[$0.id].status != .passed }
    }

    /// "Next: 02-statement (A statement...). `check` now checks it; `start` shows its task."
    public func nextStep(after id: String, progress: LearnerProgress) -> String {
        guard let next = next(after: id, progress: progress) else {
            return "Every exercise has passed. Well done."
        }
        return "Next: \(next.id), \(next.title). `start \(next.id)` shows its task; `check` now checks it."
    }

    /// Warns when this exercise's check or manifest differs from `checks.lock`: the learner would
    /// be checked against something other than what grading uses. Nil when it matches or there
    /// is no readable lock.
    public func lockWarning(for exercise: Exercise) -> String? {
        let url = root.appendingPathComponent(ExerciseLayout.checksLock)
        guard let data = FileManager.default.contents(atPath: url.path),
              let lock = try? ChecksLock.parse(String(decoding: data, as: UTF8.self)) else { return nil }
        let one = ExerciseCatalog(root: root, exercises: [exercise], diagnostics: [])
        guard let mismatch = lock.mismatches(in: one).first(where: { $0.problem != .notInLock }) else { return nil }
        return "warning: \(mismatch): grading uses the original, so a pass here may not count there; "
            + "restore the original file"
    }
}
