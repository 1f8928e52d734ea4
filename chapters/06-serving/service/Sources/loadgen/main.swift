// A closed-loop load generator on plain sockets: C connections, each sending its next request
// as soon as the last answer arrives, for T seconds, to 127.0.0.1 only. It checks every answer
// (status and body) and prints one line of figures:
//
//   route=e connections=4 seconds=5.0 requests=1234 rps=246.8 p50_ms=7.9 p99_ms=21.3 errors=0 wrong=0
//
//   loadgen --port P --route e|io|charge [--places N] [--ms M] [--connections C] [--seconds T]
import Foundation
import Synchronization

struct Options {
    var port = 8080
    var route = "e"
    var places = 1000
    var ms = 50
    var connections = 4
    var seconds = 5.0

    init(_ arguments: [String]) {
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            guard let text = rest.popFirst() else { fail("\(flag) needs a value") }
            switch flag {
            case "--port": port = Int(text) ?? -1
            case "--route": route = text
            case "--places": places = Int(text) ?? -1
            case "--ms": ms = Int(text) ?? -1
            case "--connections": connections = Int(text) ?? -1
            case "--seconds": seconds = Double(text) ?? -1
            default: fail("unknown argument \(flag)")
            }
        }
        guard (1...65_535).contains(port), ["e", "io", "charge"].contains(route), (50...20_000).contains(places),
              ms >= 0, (1...256).contains(connections), (0.1...600).contains(seconds) else {
            fail("usage: loadgen --port 1...65535 --route e|io|charge [--places 50...20000] [--ms M] "
                 + "[--connections 1...256] [--seconds 0.1...600]")
        }
    }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("loadgen: \(message)\n".utf8))
    exit(2)
}

/// The first 50 decimals of e, against which every /e answer is checked.
let eDigits = "2.71828182845904523536028747135266249775724709369995"

/// What one connection sends and what it must get back.
struct Exchange {
    let request: [UInt8]
    let isRight: (String) -> Bool

    init(_ options: Options, connection: Int) {
        let head: String
        switch options.route {
        case "e":
            head = "GET /e?places=\(options.places) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
            let places = options.places
            isRight = { $0.count == places + 2 && $0.hasPrefix(eDigits) }
        case "io":
            head = "GET /io?ms=\(options.ms) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
            let expected = "waited \(options.ms) ms"
            isRight = { $0 == expected }
        default:        // charge: each connection is its own tenant with its own key and amount
            let body = "\(100 + connection)"
            head = "POST /charge HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: sk_tenant_\(connection)\r\n"
                + "Content-Length: \(body.utf8.count)\r\n\r\n\(body)"
            let expected = "charge \(body), signed with sk_tenant_\(connection)"
            isRight = { $0 == expected }
        }
        request = Array(head.utf8)
    }
}

/// One keep-alive HTTP/1.1 connection with blocking reads (5 s receive timeout).
final class Connection {
    private var fd: Int32 = -1
    private var buffer: [UInt8] = []

    init?(port: Int) {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Foundation.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        if !connected {
            close(fd)
            return nil
        }
    }

    deinit { close(fd) }

    /// Sends `request` and reads one response: its status and body, or nil if the connection broke.
    func exchange(_ request: [UInt8]) -> (status: Int, body: String)? {
        let sent = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard sent == request.count else {
            return nil
        }
        let separator: [UInt8] = [13, 10, 13, 10]
        var headEnd: Int?
        while headEnd == nil {
            headEnd = buffer.firstRange(of: separator)?.upperBound
            if headEnd == nil, !fill() { return nil }
        }
        let head = String(decoding: buffer[..<headEnd!], as: UTF8.self).lowercased()
        let lines = head.split(separator: "\r\n")
        guard let statusLine = lines.first, let status = Int(statusLine.split(separator: " ").dropFirst().first ?? "")
        else { return nil }
        let length = lines.lazy.compactMap { line -> Int? in
            line.hasPrefix("content-length:") ? Int(line.dropFirst(15).trimmingCharacters(in: .whitespaces)) : nil
        }.first ?? 0
        while buffer.count < headEnd! + length {
            if !fill() { return nil }
        }
        let body = String(decoding: buffer[headEnd!..<headEnd! + length], as: UTF8.self)
        buffer.removeFirst(headEnd! + length)
        return (status, body)
    }

    private func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 16_384)
        let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return false }
        buffer += chunk[..<count]
        return true
    }
}

struct Tally: Sendable {
    var latencies: [Double] = []     // milliseconds
    var errors = 0
    var wrong = 0
}

let options = Options(Array(CommandLine.arguments.dropFirst()))
// Wait up to 15 s for the server to listen, so that a script can start both at once.
let waitUntil = Date().addingTimeInterval(15)
while Connection(port: options.port) == nil {
    if Date() > waitUntil { fail("nothing listens on 127.0.0.1:\(options.port)") }
    Thread.sleep(forTimeInterval: 0.05)
}
let started = Date()
let deadline = started.addingTimeInterval(options.seconds)
let tallies = Mutex<[Tally]>([])
let done = DispatchGroup()
for index in 0..<options.connections {
    done.enter()
    Thread {
        let exchange = Exchange(options, connection: index)
        var tally = Tally()
        var connection = Connection(port: options.port)
        while Date() < deadline {
            guard let open = connection else {
                tally.errors += 1
                Thread.sleep(forTimeInterval: 0.01)
                connection = Connection(port: options.port)
                continue
            }
            let sent = DispatchTime.now()
            guard let (status, body) = open.exchange(exchange.request) else {
                tally.errors += 1
                connection = Connection(port: options.port)
                continue
            }
            tally.latencies.append(Double(DispatchTime.now().uptimeNanoseconds - sent.uptimeNanoseconds) / 1e6)
            if status != 200 || !exchange.isRight(body) { tally.wrong += 1 }
        }
        tallies.withLock { $0.append(tally) }
        done.leave()
    }.start()
}
done.wait()
let elapsed = Date().timeIntervalSince(started)
let all = tallies.withLock { $0 }
let latencies = all.flatMap(\.latencies).sorted()
func percentile(_ p: Double) -> Double {
    latencies.isEmpty ? 0 : latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))]
}
print(String(format: "route=%@ connections=%d seconds=%.1f requests=%d rps=%.1f p50_ms=%.2f p99_ms=%.2f "
             + "errors=%d wrong=%d",
             options.route, options.connections, elapsed, latencies.count, Double(latencies.count) / elapsed,
             percentile(0.50), percentile(0.99), all.map(\.errors).reduce(0, +), all.map(\.wrong).reduce(0, +)))
