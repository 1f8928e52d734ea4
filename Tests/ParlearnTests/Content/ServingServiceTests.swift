import Foundation
import XCTest

/// The capstone's Hummingbird service (chapters/06-serving/service) under real HTTP load and bad
/// input. It needs the service package built, which the workbook's own build never does (it
/// would add Hummingbird's build to CI), so these tests run only when the package's debug build
/// is there or PARLEARN_SERVICE_TESTS=1 asks for it to be built first; otherwise they skip.
final class ServingServiceTests: XCTestCase {
    static let package = ParlearnCommand.root.appendingPathComponent("chapters/06-serving/service")

    /// The folder holding `service` and `loadgen`.
    static func binaries() throws -> URL {
        let folder = package.appendingPathComponent(".build/debug")
        if ProcessInfo.processInfo.environment["PARLEARN_SERVICE_TESTS"] == "1" {
            let build = Process()
            build.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            build.arguments = ["swift", "build", "--package-path", package.path]
            try build.run()
            build.waitUntilExit()
            XCTAssertEqual(build.terminationStatus, 0, "swift build of the service package failed")
        }
        let built = ["service", "loadgen"].allSatisfy {
            FileManager.default.isExecutableFile(atPath: folder.appendingPathComponent($0).path)
        }
        if !built {
            throw XCTSkip("the service package is not built (it needs Hummingbird, which the workbook's build and CI "
                + "do not build): run `swift build --package-path chapters/06-serving/service` "
                + "or set PARLEARN_SERVICE_TESTS=1")
        }
        return folder
    }

    /// Each model serves all three routes to 4 connections at once, every answer right, and
    /// stops by itself with no worker process left.
    func testEveryWorkerModelServesCorrectlyUnderLoadAndLeavesNothing() throws {
        let bin = try Self.binaries()
        for model in [["processes"], ["threads"], ["isolates"], ["async"], ["async", "--offload", "threads"]] {
            let service = try Service(bin, ["--model"] + model + ["--workers", "2", "--seconds", "5"])
            for route in [["e", "--places", "200"], ["io", "--ms", "20"], ["charge"]] {
                let figures = try loadgen(bin, port: service.port,
                                          ["--route"] + route + ["--connections", "4", "--seconds", "0.8"])
                XCTAssertGreaterThan(figures["requests"] ?? 0, 0, "\(model) /\(route[0]): \(figures)")
                XCTAssertEqual(figures["wrong"], 0, "\(model) /\(route[0]): a wrong answer: \(figures)")
                XCTAssertEqual(figures["errors"], 0, "\(model) /\(route[0]): a broken connection: \(figures)")
            }
            XCTAssertEqual(service.waitForExit(timeout: 20), 0, "\(model) did not stop by itself: \(service.output)")
            XCTAssertEqual(Service.workersLeft(of: service.pid), [], "\(model) left worker processes behind")
        }
    }

    func testPortInUseIsAClearErrorAndTheFirstServerGoesOn() throws {
        let bin = try Self.binaries()
        let first = try Service(bin, ["--model", "threads", "--seconds", "6"])
        for model in ["threads", "processes"] {
            let second = try Service(bin, ["--model", model, "--seconds", "3"], port: first.port, waitForPort: false)
            XCTAssertEqual(second.waitForExit(timeout: 15), 2, second.output)
            XCTAssertTrue(second.output.contains("port \(first.port) is already in use on 127.0.0.1"), second.output)
            XCTAssertEqual(Service.workersLeft(of: second.pid), [])
        }
        XCTAssertTrue(raw(first.port, get("/io?ms=1")).hasPrefix("HTTP/1.1 200"), "the first server stopped serving")
        XCTAssertEqual(first.waitForExit(timeout: 20), 0)
    }

    /// Garbage, bad parameters, a throwing handler, half a request, a client that hangs up while
    /// its request is served: each gets its answer (or none) and the next request is served.
    func testBadRequestsGetTheirStatusAndTheServerLivesOn() throws {
        let bin = try Self.binaries()
        for model in ["processes", "threads", "isolates", "async"] {
            let service = try Service(bin, ["--model", model, "--seconds", "8"])
            XCTAssertTrue(raw(service.port, "GARBAGE\r\n\r\n").hasPrefix("HTTP/1.1 400"), "\(model): garbage")
            XCTAssertTrue(raw(service.port, get("/e?places=lots")).hasPrefix("HTTP/1.1 400"), "\(model): places=lots")
            XCTAssertTrue(raw(service.port, get("/e?places=99999")).hasPrefix("HTTP/1.1 400"),
                          "\(model): too many places")
            XCTAssertTrue(raw(service.port, get("/fail")).hasPrefix("HTTP/1.1 500"), "\(model): a throwing handler")
            let keyless = "POST /charge HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 3\r\n\r\n100"
            XCTAssertTrue(raw(service.port, keyless)
                .hasPrefix("HTTP/1.1 401"), "\(model): a charge without a key")
            _ = raw(service.port, "GET /io?ms=5 HTTP/1.1\r\nHost: x\r\n", hangUp: true)        // half a request
            _ = raw(service.port, get("/io?ms=300"), hangUp: true)                             // gone mid-request
            Thread.sleep(forTimeInterval: 0.4)
            let answer = raw(service.port, get("/e?places=60"))
            XCTAssertTrue(answer.hasPrefix("HTTP/1.1 200") && answer.contains("2.71828182845904523536"),
                          "\(model): not served after bad input: \(answer)")
            XCTAssertEqual(service.waitForExit(timeout: 20), 0, "\(model): \(service.output)")
        }
    }

    /// A handler that traps kills its process; the processes model starts that worker again and
    /// serves on. (In the other models the trap ends the one process: Swift cannot catch a trap.)
    func testATrappingHandlerCostsOneWorkerWhichIsReplaced() throws {
        let bin = try Self.binaries()
        let service = try Service(bin, ["--model", "processes", "--workers", "2", "--seconds", "8"])
        XCTAssertFalse(raw(service.port, get("/trap")).hasPrefix("HTTP/1.1 200"))
        let deadline = Date().addingTimeInterval(5)
        while !service.output.contains("starting worker"), Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        XCTAssertTrue(service.output.contains("died of signal"), service.output)
        Thread.sleep(forTimeInterval: 0.5)
        for _ in 1...10 {
            XCTAssertTrue(raw(service.port, get("/io?ms=1")).hasPrefix("HTTP/1.1 200"), "not served after the trap")
        }
        XCTAssertEqual(service.waitForExit(timeout: 20), 0, service.output)
        XCTAssertEqual(Service.workersLeft(of: service.pid), [])
    }

    /// The deadline passes while 32 clients keep sending: every answer given is whole and right,
    /// the rest are refused, and the service exits on time.
    func testShutdownUnderLoadAnswersWhatItAcceptedAndStops() throws {
        let bin = try Self.binaries()
        for model in ["processes", "async"] {
            let service = try Service(bin, ["--model", model, "--seconds", "1.5"])
            let figures = try loadgen(bin, port: service.port,
                                      ["--route", "io", "--ms", "30", "--connections", "32", "--seconds", "3"])
            XCTAssertGreaterThan(figures["requests"] ?? 0, 100, "\(model): \(figures)")
            XCTAssertEqual(figures["wrong"], 0, "\(model): a garbled answer during shutdown: \(figures)")
            XCTAssertEqual(service.waitForExit(timeout: 10), 0, "\(model): \(service.output)")
            XCTAssertEqual(Service.workersLeft(of: service.pid), [])
        }
    }

    // MARK: helpers

    /// A running `service`, its output in a file, on the port it printed.
    final class Service {
        let process = Process()
        let log: URL
        var port = 0

        init(_ bin: URL, _ arguments: [String], port: Int = 0, waitForPort: Bool = true) throws {
            log = FileManager.default.temporaryDirectory.appendingPathComponent("service-\(UUID().uuidString).log")
            FileManager.default.createFile(atPath: log.path, contents: nil)
            let handle = try FileHandle(forWritingTo: log)
            process.executableURL = bin.appendingPathComponent("service")
            process.arguments = arguments + ["--port", "\(port)"]
            process.standardOutput = handle
            process.standardError = handle
            try process.run()
            self.port = port
            guard waitForPort else { return }
            // Every server process says "listening on 127.0.0.1:PORT": the processes model's N workers.
            let processes = arguments.contains("processes")
                ? Int(arguments.drop { $0 != "--workers" }.dropFirst().first ?? "2") ?? 2 : 1
            let deadline = Date().addingTimeInterval(20)
            while Date() < deadline {
                let listening = output.matches(of: /listening on 127\.0\.0\.1:(\d+)/)
                if listening.count >= processes, let found = Int(listening[0].1) {
                    self.port = found
                    return
                }
                Thread.sleep(forTimeInterval: 0.05)
            }
            process.terminate()
            XCTFail("the service did not start: \(output)")
        }

        deinit {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            try? FileManager.default.removeItem(at: log)
        }

        var pid: Int32 { process.processIdentifier }
        var output: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

        /// The exit status, or nil (after a SIGKILL) if it had not exited within `timeout` seconds.
        func waitForExit(timeout: TimeInterval) -> Int32? {
            let deadline = Date().addingTimeInterval(timeout)
            while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
            guard !process.isRunning else {
                kill(pid, SIGKILL)
                return nil
            }
            return process.terminationStatus
        }

        /// Worker processes (`--worker N PARENT`) of `parent` still running.
        static func workersLeft(of parent: Int32) -> [String] {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
            return entries.filter { Int($0) != nil }.compactMap { pid in
                guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return nil }
                let arguments = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
                guard let at = arguments.firstIndex(of: "--worker"), arguments.count > at + 2,
                      arguments[at + 2] == "\(parent)" else { return nil }
                return "pid \(pid): \(arguments.joined(separator: " "))"
            }
        }
    }

    /// Runs the load generator and returns its figures (requests, rps, p99_ms, errors, wrong…).
    func loadgen(_ bin: URL, port: Int, _ arguments: [String]) throws -> [String: Double] {
        let process = Process()
        let out = Pipe()
        process.executableURL = bin.appendingPathComponent("loadgen")
        process.arguments = ["--port", "\(port)"] + arguments
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, text)
        return Dictionary(text.split(whereSeparator: \.isWhitespace).compactMap { pair in
            let parts = pair.split(separator: "=")
            return parts.count == 2 ? Double(parts[1]).map { (String(parts[0]), $0) } : nil
        }) { a, _ in a }
    }

    func get(_ path: String) -> String { "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n" }

    /// Sends `text` on a new connection and reads until the server closes it (5 s at most);
    /// with `hangUp`, closes right after sending instead.
    func raw(_ port: Int, _ text: String, hangUp: Bool = false) -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { return "connect failed: errno \(errno)" }
        _ = Array(text.utf8).withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        if hangUp { return "" }
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            received += chunk[..<count]
        }
        return String(decoding: received, as: UTF8.self)
    }
}
