// The smallest workbook program: one scenario, two named threads.
import ParLearnKit

// [hello]
scenario("hello") {
    let greeters = ["ada", "grace"].map { name in
        spawn(name) { "hello from \(name)" }
    }
    let lines = greeters.map { $0.join() }
    check(lines.count == 2, "expected two greetings, got \(lines.count)")
    print(lines.joined(separator: "\n"))
}
// [/hello]
