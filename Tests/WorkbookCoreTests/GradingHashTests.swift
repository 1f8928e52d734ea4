import Foundation
import XCTest
@testable import WorkbookCore

final class GradingSHA256Tests: XCTestCase {
    /// FIPS 180-4 / NIST CSRC example vectors.
    func testNISTVectors() {
        XCTAssertEqual(SHA256.hex(Array("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hex([UInt8]()), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        XCTAssertEqual(SHA256.hex(Array("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu".utf8)),
                       "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
        XCTAssertEqual(SHA256.hex(repeatElement(UInt8(ascii: "a"), count: 1_000_000)),
                       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Lengths around the padding boundary (55, 56, 63, 64 bytes) and incremental updates.
    func testPaddingBoundariesAndIncrementalUpdates() {
        let expected = [
            55: "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318",
            56: "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a",
            63: "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34",
            64: "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb",
        ]
        for (count, digest) in expected {
            XCTAssertEqual(SHA256.hex(repeatElement(UInt8(ascii: "a"), count: count)), digest, "\(count) bytes")
        }
        var hasher = SHA256()
        hasher.update(Array("ab".utf8))
        hasher.update(Array("c".utf8))
        XCTAssertEqual(hasher.finalize().map { String(format: "%02x", $0) }.joined(), SHA256.hex(Array("abc".utf8)))
    }
}

final class GradingChecksLockTests: XCTestCase {
    func testComputeRenderParseAndDetectEdits() throws {
        let fixture = try ExerciseFixture(self)
        let folder = try fixture.addExercise()
        try fixture.addExercise(chapter: "02-async", slug: "bank", manifest: ExerciseFixture.manifest(id: "bank"))
        let catalog = fixture.load()
        let lock = ChecksLock.compute(for: catalog)
        XCTAssertEqual(lock.digests.keys.sorted(), [
            "01-threads/counter/check.swift", "01-threads/counter/exercise.yml",
            "02-async/bank/check.swift", "02-async/bank/exercise.yml",
        ])
        XCTAssertEqual(lock.digests["01-threads/counter/check.swift"], SHA256.hex(Array(ExerciseFixture.checkSource.utf8)))
        let text = lock.text
        XCTAssertTrue(text.hasPrefix("\(lock.digests["01-threads/counter/check.swift"]!)  01-threads/counter/check.swift\n"), text)
        XCTAssertEqual(try ChecksLock.parse(text), lock)
        XCTAssertEqual(lock.mismatches(in: catalog), [])

        try fixture.write(ExerciseFixture.checkSource + "\n// weakened\n", to: folder.appendingPathComponent("check.swift"))
        XCTAssertEqual(lock.mismatches(in: catalog), [ChecksLock.Mismatch(path: "01-threads/counter/check.swift", exerciseID: "counter", problem: .changed)])

        var partial = lock
        partial.digests["02-async/bank/exercise.yml"] = nil
        XCTAssertTrue(partial.mismatches(in: catalog).contains(ChecksLock.Mismatch(path: "02-async/bank/exercise.yml", exerciseID: "bank", problem: .notInLock)))
    }

    func testParseRejectsMalformedLinesWithTheirNumber() {
        XCTAssertThrowsError(try ChecksLock.parse("\nnot-a-hash  a/check.swift\n")) { error in
            XCTAssertEqual((error as? ChecksLock.ParseError)?.line, 2)
        }
        let star = String(repeating: "a", count: 64) + " *x/check.swift"
        XCTAssertEqual(try ChecksLock.parse(star).digests, ["x/check.swift": String(repeating: "a", count: 64)])
    }
}
