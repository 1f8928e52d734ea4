import Foundation

/// One cross-process operation a controlled process asks the broker to perform. Every one of
/// them except ``finished`` and ``check`` is a scheduling point.
enum BrokerRequest: Equatable {
    /// Start a worker process (a pool's, if `pool`), returning its id.
    case spawn(name: String, pool: Bool)
    /// Wait until process `process` has ended; returns its wait status.
    case join(process: Int)
    case kill(process: Int)
    case createPipe(name: String, capacity: Int)
    case closePipe(pipe: Int)
    case send(pipe: Int, bytes: Data)
    case receive(pipe: Int)
    /// Wait until one of `pipes` has a message or is closed; returns its index in the list.
    case waitAny(pipes: [Int])
    case createRegion(name: String, count: Int, initialValue: Int)
    /// A plain load or store through the subscript.
    case read(region: Int, index: Int)
    case write(region: Int, index: Int, value: Int)
    case load(region: Int, index: Int)
    case store(region: Int, index: Int, value: Int)
    case add(region: Int, index: Int, value: Int)
    case compareExchange(region: Int, index: Int, expected: Int, desired: Int)
    case lock(region: Int)
    case unlock(region: Int)
    case lockFile(path: String)
    case unlockFile(path: String)
    /// A failed `check`: the execution ends with this bug.
    case check(message: String, file: String, line: Int)
    /// The main process's body returned (`error` nil) or threw.
    case finished(error: String?)

    func encode(frames: [UInt]?) -> Data {
        var w = WireWriter()
        switch self {
        case .spawn(let name, let pool): w.int(0); w.text(name); w.int(pool ? 1 : 0)
        case .join(let p): w.int(1); w.int(p)
        case .kill(let p): w.int(2); w.int(p)
        case .createPipe(let name, let capacity): w.int(3); w.text(name); w.int(capacity)
        case .closePipe(let p): w.int(4); w.int(p)
        case .send(let p, let bytes): w.int(5); w.int(p); w.bytes(bytes)
        case .receive(let p): w.int(6); w.int(p)
        case .waitAny(let pipes): w.int(7); w.ints(pipes)
        case .createRegion(let name, let count, let initial): w.int(8); w.text(name); w.ints([count, initial])
        case .read(let r, let i): w.int(9); w.ints([r, i])
        case .write(let r, let i, let v): w.int(10); w.ints([r, i, v])
        case .load(let r, let i): w.int(11); w.ints([r, i])
        case .store(let r, let i, let v): w.int(12); w.ints([r, i, v])
        case .add(let r, let i, let v): w.int(13); w.ints([r, i, v])
        case .compareExchange(let r, let i, let e, let d): w.int(14); w.ints([r, i, e, d])
        case .lock(let r): w.int(15); w.int(r)
        case .unlock(let r): w.int(16); w.int(r)
        case .lockFile(let path): w.int(17); w.text(path)
        case .unlockFile(let path): w.int(18); w.text(path)
        case .check(let message, let file, let line): w.int(19); w.text(message); w.text(file); w.int(line)
        case .finished(let error): w.int(20); w.int(error == nil ? 0 : 1); w.text(error ?? "")
        }
        w.ints((frames ?? []).map { Int(bitPattern: $0) })
        return w.data
    }

    static func decode(_ data: Data) throws -> (request: BrokerRequest, frames: [UInt]) {
        var r = WireReader(data)
        let request: BrokerRequest
        switch try r.int() {
        case 0: request = .spawn(name: try r.text(), pool: try r.int() == 1)
        case 1: request = .join(process: try r.int())
        case 2: request = .kill(process: try r.int())
        case 3: request = .createPipe(name: try r.text(), capacity: try r.int())
        case 4: request = .closePipe(pipe: try r.int())
        case 5: request = .send(pipe: try r.int(), bytes: try r.bytes())
        case 6: request = .receive(pipe: try r.int())
        case 7: request = .waitAny(pipes: try r.ints())
        case 8:
            let name = try r.text()
            let v = try r.ints()
            request = .createRegion(name: name, count: v[0], initialValue: v[1])
        case 9: let v = try r.ints(); request = .read(region: v[0], index: v[1])
        case 10: let v = try r.ints(); request = .write(region: v[0], index: v[1], value: v[2])
        case 11: let v = try r.ints(); request = .load(region: v[0], index: v[1])
        case 12: let v = try r.ints(); request = .store(region: v[0], index: v[1], value: v[2])
        case 13: let v = try r.ints(); request = .add(region: v[0], index: v[1], value: v[2])
        case 14: let v = try r.ints(); request = .compareExchange(region: v[0], index: v[1], expected: v[2], desired: v[3])
        case 15: request = .lock(region: try r.int())
        case 16: request = .unlock(region: try r.int())
        case 17: request = .lockFile(path: try r.text())
        case 18: request = .unlockFile(path: try r.text())
        case 19: request = .check(message: try r.text(), file: try r.text(), line: try r.int())
        case 20:
            let threw = try r.int() == 1
            let text = try r.text()
            request = .finished(error: threw ? text : nil)
        default: throw WireReader.Truncated()
        }
        return (request, try r.ints().map { UInt(bitPattern: $0) })
    }
}

/// The broker's answer: a number (an id, a value, a wait status, an index, a flag), bytes, or
/// "closed" for a receive on a closed, empty pipe.
enum BrokerResponse: Equatable {
    case number(Int)
    case bytes(Data)
    case closed

    func encode() -> Data {
        var w = WireWriter()
        switch self {
        case .number(let n): w.int(0); w.int(n)
        case .bytes(let d): w.int(1); w.bytes(d)
        case .closed: w.int(2)
        }
        return w.data
    }

    static func decode(_ data: Data) throws -> BrokerResponse {
        var r = WireReader(data)
        switch try r.int() {
        case 0: return .number(try r.int())
        case 1: return .bytes(try r.bytes())
        case 2: return .closed
        default: throw WireReader.Truncated()
        }
    }
}
