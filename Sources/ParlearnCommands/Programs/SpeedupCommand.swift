import ArgumentParser
import WorkbookCore

struct SpeedupCommand: WorkbookCommand {
    static let configuration = CommandConfiguration(
        commandName: "speedup", abstract: "Time a CPU-bound stress program at several thread counts and chart it.",
        discussion: """
            Each count runs --runs times, interleaved; the chart shows median wall and CPU time with the spread, \
            speed-up and efficiency, in Unicode blocks (# under TERM=dumb). On one core it says a speed-up is \
            not measurable. See docs/stress.md.
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: .program) var program: String
    @Option(help: "Thread counts, comma-separated.") var threads = "1,2,4"
    @Option(help: "Runs per thread count (1-50).") var runs = 5
    @Flag(help: "Run under the simulated GIL.") var gil = false
    @Flag(help: "Print the numbers as JSON.") var json = false

    func counts() throws -> [Int] {
        do { return try StressOptions.threadCounts(threads) } catch { throw ValidationError(error.description) }
    }

    func validate() throws {
        _ = try counts()
        do { _ = try StressOptions.runs(String(runs)) } catch { throw ValidationError(error.description) }
    }

    func run(in context: CommandContext) throws -> Int32 {
        context.speedup(program, threads: try counts(), repeats: runs, gil: gil, json: json)
    }
}
