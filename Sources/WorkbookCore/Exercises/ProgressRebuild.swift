import Foundation

extension LearnerProgress {
    /// Rebuilds progress by re-checking every exercise of `catalog` and recording each verdict, as
    /// after the progress file was found corrupt. Ctrl-C (an interrupted verdict) stops it and keeps
    /// what was recorded so far. `onChecked` hears each exercise as its verdict is recorded.
    public mutating func rebuild(
        from catalog: ExerciseCatalog, checker: ExerciseChecker, now: () -> Date = Date.init,
        onChecked: (Exercise, ExerciseProgress.Status) -> Void
    ) {
        for exercise in catalog.exercises {
            let verdict = checker.check(exercise.checkInputs, replayTarget: exercise.id)
            if verdict.kind == .interrupted { return }
            record(verdict, at: now())
            onChecked(exercise, self[exercise.id].status)
        }
    }
}
