import Foundation

/// What `checks.lock` says about a submission graded without `--checks`: which exercises were
/// altered, which are missing, and how many points each locked exercise is worth.
///
/// The lock, not the submission, decides the maximum: an exercise it names counts whether or not
/// it still loads, and one whose check or manifest changed scores 0. Without a readable lock
/// nothing can be audited, which is said once as a warning.
struct LockAudit {
    /// Set when the lock was read; nil means nothing is audited.
    let lock: ChecksLock?
    var warnings: [String] = []
    /// An exercise that is not graded, and whether its points still count toward the maximum
    /// (they do when it was altered, not when the lock never knew it).
    struct Refusal {
        var reason: String
        var counts: Bool
    }

    /// Exercise folder → why it is not graded.
    private(set) var refused: [String: Refusal] = [:]

    init(catalog: ExerciseCatalog) {
        let lockURL = catalog.root.appendingPathComponent(ExerciseLayout.checksLock)
        guard let data = FileManager.default.contents(atPath: lockURL.path) else {
            lock = nil
            warnings = ["no \(ExerciseLayout.checksLock) in \(catalog.root.path): edited or deleted exercises cannot be "
                + "detected; grade with --checks DIR"]
            return
        }
        do {
            lock = try ChecksLock.parse(String(decoding: data, as: UTF8.self))
        } catch {
            lock = nil
            warnings = ["\(lockURL.path): \(error.message) at line \(error.line); edited or deleted exercises cannot be "
                + "detected; grade with --checks DIR"]
            return
        }
        for mismatch in lock!.mismatches(in: catalog) {
            let folder = mismatch.path.split(separator: "/").dropLast().joined(separator: "/")
            let reason = mismatch.problem == .notInLock
                ? "\(mismatch.path) is not in \(ExerciseLayout.checksLock), so it is not graded (run `parlearn lock` "
                    + "if the exercise is new)"
                : "check content changed: \(mismatch) and scores 0; grade with --checks DIR to use the pristine copy"
            if refused[folder] == nil {
                refused[folder] = Refusal(reason: reason, counts: mismatch.problem != .notInLock)
                warnings.append(reason)
            }
        }
    }

    /// The points an exercise folder is worth: the lock's record, else what its manifest says.
    func points(of folder: String, manifest: Int?) -> Int {
        lock?.points[folder] ?? manifest ?? 0
    }

    /// Folders the lock names that are neither loaded nor reported as broken: deleted ones.
    func missing(loaded: Set<String>) -> [String] {
        (lock?.folders ?? []).filter { !loaded.contains($0) }
    }
}
