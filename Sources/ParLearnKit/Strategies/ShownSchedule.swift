/// The schedule a report shows, the same for both engines: its string, preemptions, columns
/// and trace, and what the exploration around it covered.
struct ShownSchedule {
    var schedule: String
    var preemptions: Int
    var columns: [String]
    var trace: [TraceStep]
    var failuresSeen: Int
    var coverage: String
}

extension ScenarioReport {
    mutating func show(_ shown: ShownSchedule) {
        schedule = shown.schedule
        preemptions = shown.preemptions
        threads = shown.columns
        trace = shown.trace
        failuresSeen = shown.failuresSeen
        coverage = shown.coverage
    }
}
