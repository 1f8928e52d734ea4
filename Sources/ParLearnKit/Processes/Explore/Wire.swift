import Foundation

/// The broker's compact binary encoding: integers as 8 little-endian bytes, byte strings and
/// text with a length in front. JSON would cost more than the rest of a scheduling step.
struct WireWriter {
    private(set) var data = Data()

    mutating func int(_ value: Int) {
        var v = Int64(value).littleEndian
        withUnsafeBytes(of: &v) { data.append(contentsOf: $0) }
    }

    mutating func bytes(_ value: Data) {
        int(value.count)
        data.append(value)
    }

    mutating func text(_ value: String) { bytes(Data(value.utf8)) }

    mutating func ints(_ values: [Int]) {
        int(values.count)
        values.forEach { int($0) }
    }
}

struct WireReader {
    private let data: Data
    private var offset: Int

    init(_ data: Data) {
        self.data = data
        offset = data.startIndex
    }

    struct Truncated: Error {}

    mutating func int() throws -> Int {
        guard offset + 8 <= data.endIndex else { throw Truncated() }
        var v: Int64 = 0
        withUnsafeMutableBytes(of: &v) { $0.copyBytes(from: data[offset..<offset + 8]) }
        offset += 8
        return Int(Int64(littleEndian: v))
    }

    mutating func bytes() throws -> Data {
        let count = try int()
        guard count >= 0, offset + count <= data.endIndex else { throw Truncated() }
        defer { offset += count }
        return Data(data[offset..<offset + count])
    }

    mutating func text() throws -> String { String(decoding: try bytes(), as: UTF8.self) }

    mutating func ints() throws -> [Int] {
        let count = try int()
        guard count >= 0 && count < 1 << 20 else { throw Truncated() }
        return try (0..<count).map { _ in try int() }
    }
}
