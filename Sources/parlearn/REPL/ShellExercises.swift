import WorkbookCore

/// The exercise commands: wired to the exercise pipeline in WorkbookCore/Exercises.
extension Shell {
    var exerciseIDs: [String] { [] }

    func exerciseCommand(_ name: String, arguments: [String], options: [String: String]) {
        console.error("`\(name)` needs the exercise pipeline, which this build does not include yet")
    }
}
