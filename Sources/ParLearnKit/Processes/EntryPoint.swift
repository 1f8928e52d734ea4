import Foundation
import Synchronization

/// A function a worker process can run, registered under a name.
///
/// A worker process does not share the parent's memory, so it cannot be handed a closure: it
/// re-executes the program and looks the function up by name (Python's *spawn* start method
/// pickles a reference to a module-level function for the same reason). Declare entry points
/// at the top level of the program, before any code that starts processes:
///
/// ```swift
/// let square = EntryPoint("square") { (n: Int) in n * n }
/// ```
///
/// Input and output cross the process boundary as JSON, so both must be `Codable`; a value
/// that is not cannot be sent, and that is a compile error.
public struct EntryPoint<Input: Codable & Sendable, Output: Codable & Sendable>: EntryPointProtocol {
    /// The name a worker process finds the function by.
    public let name: String
    /// The function itself.
    public let body: @Sendable (Input) throws -> Output

    /// Registers `body` under `name`. Registering a second function under a used name is a
    /// programming error and stops the program.
    public init(_ name: String, _ body: @escaping @Sendable (Input) throws -> Output) {
        self.name = name
        self.body = body
        EntryPoints.register(name) { data in
            let input = try MessageCoding.decode(Input.self, from: data, what: "the input of entry point \"\(name)\"")
            return try MessageCoding.encode(try body(input))
        }
    }
}

/// Any ``EntryPoint``, whatever its input and output.
public protocol EntryPointProtocol: Sendable {
    /// The name a worker process finds the function by.
    var name: String { get }
}

/// The program-wide table of entry points, by name, with their input and output as bytes.
enum EntryPoints {
    typealias Erased = @Sendable (Data) throws -> Data

    private static let table = Synchronization.Mutex<[String: Erased]>([:])

    static func register(_ name: String, _ run: @escaping Erased) {
        table.withLock { table in
            precondition(table[name] == nil, "parlearn: two entry points are named \"\(name)\"")
            table[name] = run
        }
    }

    static func lookup(_ name: String) -> Erased? { table.withLock { $0[name] } }
}

/// How messages, inputs and results are turned into bytes (≈ pickle): JSON.
enum MessageCoding {
    static func encode<T: Encodable>(_ value: T) throws -> Data {
        do {
            return try JSONEncoder().encode(value)
        } catch {
            throw ProcessError.badMessage(from: "this process", reason: "cannot encode \(T.self): \(error)")
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, from data: Data, what: String, sender: String = "the sender") throws -> T {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch {
            let sample = String(decoding: data.prefix(40), as: UTF8.self)
            throw ProcessError.badMessage(from: sender, reason: "\(what) is not a \(T.self) (\(sample.debugDescription)): \(shortReason(error))")
        }
    }

    private static func shortReason(_ error: Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context): context.debugDescription
        case DecodingError.keyNotFound(let key, _): "missing field \"\(key.stringValue)\""
        case DecodingError.typeMismatch(let type, let context):
            "expected \(type) at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        case DecodingError.valueNotFound(let type, _): "missing \(type)"
        default: "\(error)"
        }
    }
}

/// The output of an entry point that returns nothing, such as a pool's initializer.
public struct NoOutput: Codable, Sendable, Equatable {
    /// An empty registry; add entry points with `register`.
    public init() {}
}

extension EntryPoint where Output == NoOutput {
    /// Registers a function that returns nothing, typically a pool initializer:
    ///
    /// ```swift
    /// let configure = EntryPoint("configure") { (key: String) in PaymentsSDK.apiKey = key }
    /// ```
    public init(_ name: String, _ body: @escaping @Sendable (Input) throws -> Void) {
        self.init(name) { (input: Input) throws -> NoOutput in
            try body(input)
            return NoOutput()
        }
    }
}
