import Foundation
import ParLearnKit

/// The learner-side actions on one exercise folder: reset, hints, the solution, the task text.
public struct ExerciseWorkspace: Sendable {
    /// Where backups of the learner's files go (`<state>/backups/<id>/<stamp>/<file>`).
    public let stateDirectory: URL

    public init(stateDirectory: URL) {
        self.stateDirectory = stateDirectory
    }

    public struct ResetOutcome: Sendable, Equatable {
        /// The learner files now holding the starter again.
        public var restored: [URL]
        /// Copies of the learner's versions, one per file that differed from the starter.
        public var backups: [URL]
    }

    /// Restores every learner file from `.starter/`, first backing up any version that differs.
    /// Nothing is overwritten before its backup is safely written.
    public func reset(_ exercise: Exercise, now: Date = Date()) throws -> ResetOutcome {
        let folder = stateDirectory.appendingPathComponent("backups/\(exercise.id)/\(FileStamp.string(now))", isDirectory: true)
        var outcome = ResetOutcome(restored: [], backups: [])
        var starters: [(URL, Data)] = []
        for (file, learner) in zip(exercise.learnerFiles, exercise.learnerURLs) {
            let starterURL = exercise.starterURL(for: file)
            guard let starter = FileManager.default.contents(atPath: starterURL.path) else {
                throw WorkspaceError("the pristine starter \(starterURL.path) is missing, so \(file) cannot be reset")
            }
            starters.append((learner, starter))
            if let current = FileManager.default.contents(atPath: learner.path), current != starter {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                let backup = folder.appendingPathComponent(file)
                try AtomicFile.write(current, to: backup.path)
                outcome.backups.append(backup)
            }
        }
        for (learner, starter) in starters {
            try AtomicFile.write(starter, to: learner.path)
            outcome.restored.append(learner)
        }
        return outcome
    }

    public enum SolutionAccess: Sendable, Equatable {
        /// File name and reference solution text, per learner file.
        case available([(file: String, text: String)])
        case locked(String)

        public static func == (a: SolutionAccess, b: SolutionAccess) -> Bool {
            switch (a, b) {
            case let (.available(x), .available(y)): x.map(\.file) == y.map(\.file) && x.map(\.text) == y.map(\.text)
            case let (.locked(x), .locked(y)): x == y
            default: false
            }
        }
    }

    /// The reference solution, only once the exercise has passed.
    public func solution(for exercise: Exercise, progress: LearnerProgress) -> SolutionAccess {
        guard progress[exercise.id].firstPassed != nil else {
            return .locked("the solution of \(exercise.id) opens once your code passes `check \(exercise.id)`; try `hint` first")
        }
        var files: [(file: String, text: String)] = []
        for file in exercise.learnerFiles {
            guard let text = SourcePreflight.text(of: exercise.solutionURL(for: file)) else {
                return .locked("the reference solution for \(file) is missing from this exercise pack")
            }
            files.append((file, text))
        }
        return .available(files)
    }

    /// The task description (`task.md`), or a note when it cannot be read.
    public func task(for exercise: Exercise) -> String {
        SourcePreflight.text(of: exercise.taskURL) ?? "(task.md of \(exercise.id) is missing)"
    }
}

public struct WorkspaceError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// One hint shown by `hint`.
public struct HintReveal: Sendable, Equatable {
    /// 1-based.
    public var number: Int
    public var total: Int
    public var text: String
    /// True when every hint had been shown already and this repeats the last one.
    public var repeated: Bool
}

extension LearnerProgress {
    /// The next hint of `exercise`, counting it as shown. After the last one it repeats the last.
    public mutating func revealNextHint(of exercise: Exercise) -> HintReveal {
        var entry = self[exercise.id]
        let total = exercise.hints.count
        let repeated = entry.hintsShown >= total
        let number = min(entry.hintsShown + 1, total)
        entry.hintsShown = number
        self[exercise.id] = entry
        return HintReveal(number: number, total: total, text: exercise.hints[number - 1], repeated: repeated)
    }
}

/// The `exercises` table: one row per exercise, in folder order.
public struct ExerciseTable: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var status: ExerciseProgress.Status
        public var symbol: String { status.symbol }
        public var id: String
        public var title: String
        public var chapter: String
        public var points: Int
    }

    public var rows: [Row]
    public var pointsEarned: Int { rows.filter { $0.status == .passed }.reduce(0) { $0 + $1.points } }
    public var pointsTotal: Int { rows.reduce(0) { $0 + $1.points } }
    public var passedCount: Int { rows.filter { $0.status == .passed }.count }

    public init(exercises: [Exercise], progress: LearnerProgress) {
        rows = exercises.map {
            Row(status: progress[$0.id].status, id: $0.id, title: $0.title, chapter: $0.chapter, points: $0.points)
        }
    }
}
