// The capstone's service: the same routes under one of four worker models, on 127.0.0.1 only,
// stopping by itself after --seconds (or at Ctrl-C / SIGTERM) and leaving nothing running.
//
//   service --model processes|threads|isolates|async [--workers N] [--port P] [--seconds T]
//           [--offload none|threads|isolates]     (async only: the blocking-handler fix)
import Foundation
import NIOPosix
import ServiceCore

enum Model: String, CaseIterable { case processes, threads, isolates, async }
enum Offload: String, CaseIterable { case none, threads, isolates }

struct Options {
    var model = Model.async
    var workers = 2
    var port = 8080
    var seconds = 10.0
    var offload = Offload.none
    /// Set on a worker process of the processes model: its number and its parent's pid.
    var worker: (number: Int, parent: pid_t)?

    init(_ arguments: [String]) throws {
        var rest = arguments[...]
        func value(_ flag: String) throws -> String {
            guard let value = rest.popFirst() else { throw ServiceError.usage("\(flag) needs a value") }
            return value
        }
        func choice<T: RawRepresentable & CaseIterable>(_ flag: String) throws -> T where T.RawValue == String {
            let text = try value(flag)
            guard let chosen = T(rawValue: text) else {
                let choices = T.allCases.map(\.rawValue).joined(separator: ", ")
                throw ServiceError.usage("\(flag) is one of \(choices), not \(text)")
            }
            return chosen
        }
        func number(_ flag: String, _ range: ClosedRange<Double>) throws -> Double {
            let text = try value(flag)
            guard let number = Double(text), range.contains(number) else {
                throw ServiceError.usage(
                    "\(flag) is a number in \(range.lowerBound)...\(range.upperBound), not \(text)")
            }
            return number
        }
        while let flag = rest.popFirst() {
            switch flag {
            case "--model": model = try choice(flag)
            case "--workers": workers = Int(try number(flag, 1...64))
            case "--port": port = Int(try number(flag, 0...65_535))
            case "--seconds": seconds = try number(flag, 0.1...3_600)
            case "--offload": offload = try choice(flag)
            case "--worker":
                worker = (Int(try number(flag, 1...64)), pid_t(try number("--parent", 1...4_194_304)))
            default:
                throw ServiceError.usage("unknown argument \(flag); usage: service --model "
                    + "processes|threads|isolates|async [--workers N] [--port P] [--seconds T] "
                    + "[--offload none|threads|isolates]")
            }
        }
        if offload != .none, model != .async { throw ServiceError.usage("--offload is for --model async only") }
    }
}

/// One server process: where its handlers and CPU work run is what the model is about.
func serveOne(_ options: Options, deadline: ContinuousClock.Instant) async throws {
    var plan = ServerPlan(port: options.port)
    var compute = Compute.inline(label: "event loop")
    var isolates: IsolatePool?
    var pool: NIOThreadPool?
    switch options.model {
    case .processes:                // this is one worker: one event-loop thread, its own port share
        plan.reusePort = true
        compute = .inline(label: "process \(options.worker?.number ?? 0) (pid \(getpid()))")
    case .threads:                  // N event loops, each running its connections' handlers
        plan.loopThreads = options.workers
        compute = .inline(label: "event loop of \(options.workers)")
    case .isolates:                 // one acceptor loop; the work goes to N isolates
        isolates = IsolatePool(count: options.workers)
        compute = .isolates(isolates!)
    case .async:                    // handlers on the cooperative pool, one loop for the sockets
        plan.handlersOnEventLoops = false
        switch options.offload {
        case .none: compute = .inline(label: "cooperative pool")
        case .threads:
            pool = NIOThreadPool(numberOfThreads: options.workers)
            pool!.start()
            compute = .threadPool(pool!, label: "thread pool of \(options.workers)")
        case .isolates:
            isolates = IsolatePool(count: options.workers)
            compute = .isolates(isolates!)
        }
    }
    let parent = options.worker?.parent
    try await serve(makeRouter(compute: compute), plan: plan, onListening: { port in
        let who = options.worker.map { "worker \($0.number) (pid \(getpid()))" } ?? "\(options.model.rawValue) model"
        print("\(who) listening on 127.0.0.1:\(port), \(options.workers) workers, stopping in \(options.seconds) s")
        fflush(nil)   // nil: every stream (the global `stdout` is not concurrency-safe)
    }, until: { await stopWhen(deadline: deadline, parent: parent) })
    isolates?.close()
    try await pool?.shutdownGracefully()
}

do {
    let options = try Options(Array(CommandLine.arguments.dropFirst()))
    let deadline = ContinuousClock.now + .milliseconds(Int(options.seconds * 1000))
    if options.model == .processes, options.worker == nil {
        let port = try probePort(options.port)
        print("processes model: \(options.workers) worker processes share 127.0.0.1:\(port) (SO_REUSEPORT)")
        fflush(nil)   // nil: every stream (the global `stdout` is not concurrency-safe)
        let supervisor = Supervisor(count: options.workers, port: port, deadline: deadline) { number, left in
            ["--model", "processes", "--workers", "\(options.workers)", "--port", "\(port)",
             "--seconds", String(format: "%.3f", left), "--worker", "\(number)", "\(getpid())"]
        }
        exit(try supervisor.run())
    }
    try await serveOne(options, deadline: deadline)
    print("stopped: every connection closed, no worker left")
} catch let error as ServiceError {
    FileHandle.standardError.write(Data("service: \(error)\n".utf8))
    exit(2)
}
