import Foundation
import Yams

/// Typed reads from one YAML mapping that record a located problem instead of throwing,
/// so one pass reports every problem in a manifest with its line.
struct ManifestFields {
    let file: String
    private let mapping: Node.Mapping
    private let mappingLine: Int?
    private(set) var diagnostics: [ContentProblem] = []

    init(file: String, mapping: Node.Mapping, line: Int?) {
        self.file = file
        self.mapping = mapping
        self.mappingLine = line
    }

    /// Parses `text` and returns its top-level mapping, or the problem that stops the load.
    static func parse(_ text: String, file: String) -> Result<ManifestFields, ContentProblem> {
        // The chapter loader's decoder already turns YAML syntax errors into located problems.
        do {
            _ = try YAMLMetadata.decode(AnyYAML.self, from: text, file: file)
        } catch {
            return .failure(error)
        }
        guard let root = try? Yams.compose(yaml: text), let mapping = root.mapping else {
            return .failure(ContentProblem(file: file, line: 1, message: "expected a mapping of keys such as `id:` and `title:`"))
        }
        return .success(ManifestFields(file: file, mapping: mapping, line: root.mark?.line))
    }

    /// Accepts any well-formed YAML: used only to surface syntax errors.
    private struct AnyYAML: Decodable {
        init(from decoder: Decoder) {}
    }

    /// The line of `key`'s key node, or of the mapping when the key is absent.
    func line(of key: String) -> Int? {
        entry(key)?.key.mark?.line ?? mappingLine
    }

    mutating func error(_ message: String, at key: String) {
        diagnostics.append(ContentProblem(file: file, line: line(of: key), message: message))
    }

    mutating func add(_ diagnostic: ContentProblem) {
        diagnostics.append(diagnostic)
    }

    mutating func error(_ message: String, node: Node) {
        diagnostics.append(ContentProblem(file: file, line: node.mark?.line ?? mappingLine, message: message))
    }

    private func entry(_ key: String) -> (key: Node, value: Node)? {
        mapping.first { $0.key.string == key }
    }

    /// Keys that are present but not in `known`: usually a typo such as `hint:` for `hints:`.
    mutating func rejectUnknownKeys(_ known: [String]) {
        for (key, _) in mapping {
            guard let name = key.string, !known.contains(name) else { continue }
            error("unknown key `\(name)`; expected one of: \(known.joined(separator: ", "))", node: key)
        }
    }

    func has(_ key: String) -> Bool { entry(key) != nil }

    /// A nested mapping, read with the same rules.
    mutating func mapping(_ key: String) -> ManifestFields? {
        guard let (_, value) = entry(key) else { return nil }
        guard let nested = value.mapping else {
            error("`\(key)` must be a mapping", node: value)
            return nil
        }
        return ManifestFields(file: file, mapping: nested, line: value.mark?.line)
    }

    mutating func absorb(_ nested: ManifestFields) {
        diagnostics += nested.diagnostics
    }

    mutating func string(_ key: String, required: Bool = true) -> String? {
        guard let (_, value) = entry(key) else {
            if required { error("missing `\(key)`", at: key) }
            return nil
        }
        guard case .scalar = value, let text = value.string?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else {
            error("`\(key)` must be a non-empty text", node: value)
            return nil
        }
        return text
    }

    mutating func int(_ key: String, minimum: Int = 1, required: Bool = true) -> Int? {
        guard let (_, value) = entry(key) else {
            if required { error("missing `\(key)`", at: key) }
            return nil
        }
        guard let number = value.int, number >= minimum else {
            error("`\(key)` must be a whole number ≥ \(minimum)", node: value)
            return nil
        }
        return number
    }

    mutating func positiveNumber(_ key: String, required: Bool = true) -> Double? {
        guard let (_, value) = entry(key) else {
            if required { error("missing `\(key)`", at: key) }
            return nil
        }
        guard let number = value.float, number > 0, number.isFinite else {
            error("`\(key)` must be a number greater than 0", node: value)
            return nil
        }
        return number
    }

    /// An optional `true`/`false`.
    mutating func flag(_ key: String) -> Bool? {
        guard let (_, value) = entry(key) else { return nil }
        guard let flag = value.bool else {
            error("`\(key)` must be true or false", node: value)
            return nil
        }
        return flag
    }

    /// A value from a fixed set, such as `engine: threads`.
    mutating func choice<T: RawRepresentable>(_ key: String, from allowed: [T], required: Bool = true) -> T? where T.RawValue == String {
        guard let text = string(key, required: required) else { return nil }
        guard let value = allowed.first(where: { $0.rawValue == text }) else {
            error("`\(key)` must be one of: \(allowed.map(\.rawValue).joined(separator: ", ")), not `\(text)`", at: key)
            return nil
        }
        return value
    }

    /// A list of non-empty texts; a single text is accepted as a list of one.
    mutating func strings(_ key: String, required: Bool = true) -> [String]? {
        guard let (_, value) = entry(key) else {
            if required { error("missing `\(key)`", at: key) }
            return nil
        }
        let items = value.sequence.map(Array.init) ?? [value]
        var texts: [String] = []
        for item in items {
            guard case .scalar = item, let text = item.string?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else {
                error("every entry of `\(key)` must be a non-empty text", node: item)
                return nil
            }
            texts.append(text)
        }
        if texts.isEmpty {
            error("`\(key)` must not be empty", node: value)
            return nil
        }
        return texts
    }

    /// `seeds: 3` (seeds 1, 2, 3) or `seeds: [7, 11]`.
    mutating func seeds(_ key: String) -> [UInt64]? {
        guard let (_, value) = entry(key) else {
            error("missing `\(key)`", at: key)
            return nil
        }
        if let count = value.int {
            guard count > 0 else {
                error("`\(key)` must be a count greater than 0 or a list of seeds", node: value)
                return nil
            }
            return (1...UInt64(count)).map { $0 }
        }
        guard let list = value.sequence, !list.isEmpty else {
            error("`\(key)` must be a count greater than 0 or a non-empty list of seeds", node: value)
            return nil
        }
        var seeds: [UInt64] = []
        for item in list {
            guard let text = item.string, let seed = UInt64(text) else {
                error("every seed must be a whole number ≥ 0", node: item)
                return nil
            }
            seeds.append(seed)
        }
        return seeds
    }
}
