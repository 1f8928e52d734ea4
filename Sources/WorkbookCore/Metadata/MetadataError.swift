import Foundation
import Yams

/// A problem in a content file, located so an author can fix it: "chapter.yml:7: expected a number".
public struct ContentProblem: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var message: String

    public init(file: String, line: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)"
    }
}

/// Decodes YAML metadata files and turns every failure into a `ContentProblem` with a line.
public enum YAMLMetadata {
    public static func decode<T: Decodable>(_ type: T.Type, from text: String, file: String) throws(ContentProblem) -> T {
        do {
            return try YAMLDecoder().decode(T.self, from: text)
        } catch let error as YamlError {
            throw problem(from: error, file: file)
        } catch let error as DecodingError {
            throw problem(from: error, text: text, file: file)
        } catch {
            throw ContentProblem(file: file, message: "\(error)")
        }
    }

    private static func problem(from error: YamlError, file: String) -> ContentProblem {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
             .composer(_, let problem, let mark, _):
            return ContentProblem(file: file, line: mark.line, message: "malformed YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ContentProblem(file: file, line: context.mark.line,
                                  message: "duplicate key \(duplicates.joined(separator: ", "))")
        default:
            return ContentProblem(file: file, message: "malformed YAML: \(error)")
        }
    }

    private static func problem(from error: DecodingError, text: String, file: String) -> ContentProblem {
        let path: [CodingKey]
        let message: String
        switch error {
        case .keyNotFound(let key, let context):
            path = context.codingPath
            message = "missing key '\(key.stringValue)'\(where_(context.codingPath))"
        case .typeMismatch(let type, let context):
            path = context.codingPath
            message = "'\(dotted(context.codingPath))' should be \(describe(type))"
        case .valueNotFound(let type, let context):
            path = context.codingPath
            message = "'\(dotted(context.codingPath))' is empty; expected \(describe(type))"
        case .dataCorrupted(let context):
            if let yaml = context.underlyingError as? YamlError { return problem(from: yaml, file: file) }
            path = context.codingPath
            message = context.debugDescription + where_(context.codingPath)
        @unknown default:
            path = []
            message = "\(error)"
        }
        return ContentProblem(file: file, line: line(of: path, in: text), message: message)
    }

    /// The line of the deepest node on `path` that exists in the document.
    static func line(of path: [CodingKey], in text: String) -> Int? {
        guard var node = try? Yams.compose(yaml: text) else { return nil }
        var line = node.mark?.line
        for key in path {
            let next: Node?
            if let index = key.intValue {
                next = node.sequence.flatMap { index < $0.count ? $0[index] : nil }
            } else {
                next = node.mapping?[key.stringValue]
                if let keyNode = node.mapping?.first(where: { $0.key.string == key.stringValue })?.key {
                    line = keyNode.mark?.line ?? line
                }
            }
            guard let found = next else { break }
            node = found
            line = found.mark?.line ?? line
        }
        return line
    }

    private static func dotted(_ path: [CodingKey]) -> String {
        path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            .replacingOccurrences(of: ".[", with: "[")
    }

    private static func where_(_ path: [CodingKey]) -> String {
        path.isEmpty ? "" : " in '\(dotted(path))'"
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type, is Double.Type: return "a number"
        case is String.Type: return "text"
        case is Bool.Type: return "true or false"
        default:
            let name = String(describing: type)
            return name.hasPrefix("Array") ? "a list" : name.hasPrefix("Dictionary") ? "a mapping" : "a \(name)"
        }
    }
}
