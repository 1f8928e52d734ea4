import ArgumentParser
import WorkbookCore

struct StressCommand: WorkbookCommand {
    static let configuration = CommandConfiguration(
        commandName: "stress", abstract: "Run plain Swift on free-running threads, optionally under ThreadSanitizer.",
        discussion: """
            The program declares `func stress(thread: Int, of threads: Int)` (and optionally `stressSetUp()` and \
            `stressCheck() -> String?`); N threads call it together, M times. A program of thread `scenario`s \
            is stressed too: each iteration runs the scenario on real threads. See docs/stress.md. \
            Exit status: 0 clean, 1 race, crash, failed check or deadlock, 2 usage or compile error.
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: .program) var program: String
    @Option(help: "Threads released together each iteration (1-256).") var threads = 2
    @Option(help: "Iterations each thread runs (1-1000000).") var iterations = 100
    @Option(help: "Seeds the jitter before each iteration.") var seed: UInt64 = 0
    @Flag(help: "Build with -sanitize=thread and report data races at your lines.") var tsan = false
    @Flag(help: "Run under the simulated GIL.") var gil = false
    @Flag(help: "Print the report as JSON (the shape of explore's).") var json = false
    @Option(help: "For a program of scenarios: the one to stress (default: the first).") var scenario: String?

    func options() throws -> StressOptions {
        var options = StressOptions()
        options.threads = threads
        options.iterations = iterations
        options.seed = seed
        options.threadSanitizer = tsan
        options.gil = gil
        options.scenario = scenario
        do { try options.validate() } catch { throw ValidationError(error.description) }
        return options
    }

    func validate() throws { _ = try options() }

    func run(in context: CommandContext) throws -> Int32 {
        context.stress(program, options: try options(), json: json)
    }
}
