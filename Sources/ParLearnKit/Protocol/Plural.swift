/// "1 schedule", "3 schedules": counts in messages read by learners, worded once for the kit
/// and the workbook (`package`, so it stays out of the learner-facing API).
package func counted(_ n: Int, _ noun: String) -> String {
    "\(n) \(noun)\(n == 1 ? "" : "s")"
}
