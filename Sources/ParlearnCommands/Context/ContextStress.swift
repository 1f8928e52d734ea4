import Foundation
import ParLearnKit
import WorkbookCore

/// `stress` and `speedup`: the second engine, plain Swift on real threads.
extension CommandContext {
    @discardableResult
    func stress(_ text: String?, options: StressOptions, json: Bool) -> Int32 {
        guard let target = resolve(text, verb: "stress"), let runner = programRunner() else { return 2 }
        let files = target.compileUnits.files
        if !json {
            let tsan = options.threadSanitizer ? " under ThreadSanitizer" : ""
            console.note("stressing \(target.commandName)\(tsan): \(StressEngine.plan(files: files, options: options)), "
                         + "seed \(options.seed)…")
        }
        var tail = OutputTail()
        _ = interruptRequested()
        let outcome = StressEngine(compiler: runner.compiler).run(files: files, options: options,
                                                                  interruptRequested: interruptRequested) { tail.append($0) }
        let toolchain = runner.compiler.toolchain
        let verdict = StressJudge(files: files) { Demangler.names($0, toolchain: toolchain) }.verdict(outcome, options: options)
        return present(verdict, target: target, json: json, tail: tail)
    }

    @discardableResult
    func speedup(_ text: String?, threads: [Int], repeats: Int, gil: Bool, json: Bool) -> Int32 {
        guard let target = resolve(text, verb: "speedup"), let runner = programRunner() else { return 2 }
        var meter = SpeedupMeter(engine: StressEngine(compiler: runner.compiler), interruptRequested: interruptRequested)
        meter.threadCounts = threads
        meter.repeats = repeats
        meter.gil = gil
        if !json {
            console.note("timing \(target.commandName) at \(threads.map(String.init).joined(separator: ", ")) threads, "
                         + "\(repeats) runs each\(gil ? ", under the simulated GIL" : "")…")
        }
        _ = interruptRequested()
        switch meter.measure(files: target.compileUnits.files, program: target.commandName) {
        case .success(let result):
            if json {
                console.write(String(decoding: result.json, as: UTF8.self) + "\n")
            } else {
                console.printFitted(lines: SpeedupChart(unicode: SpeedupChart.unicodeTerminal()).render(result))
            }
            return 0
        case .failure(.noRun(let verdict)):
            return present(verdict, target: target, json: json, tail: OutputTail())
        case .failure(.runFailed(let n, let verdict)):
            if !json { console.error("the run with \(n) threads failed, so there is no speed-up to show:") }
            return max(1, present(verdict, target: target, json: json, tail: OutputTail()))
        }
    }
}
