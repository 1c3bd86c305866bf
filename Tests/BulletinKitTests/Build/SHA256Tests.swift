import Foundation
import Testing

@testable import BulletinKit

@Suite struct SHA256Tests {
    // Example vectors published with FIPS 180-2 (Appendix B) and in NIST's SHA-256 example
    // document for FIPS 180-4, plus the empty message from the NIST CAVS byte-oriented vectors.
    @Test(arguments: [
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
        (
            "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
        ),
    ])
    func nistExampleVectors(message: String, digest: String) {
        #expect(SHA256.hexDigest(Data(message.utf8)) == digest)
    }

    @Test func oneMillionLetterA() {
        let expected = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        #expect(SHA256.hexDigest(Data(repeating: UInt8(ascii: "a"), count: 1_000_000)) == expected)
        // The same message fed in uneven pieces (1,000 × 1,000 bytes would align to no block).
        var hasher = SHA256()
        let piece = Data(repeating: UInt8(ascii: "a"), count: 997)
        var fed = 0
        while fed + piece.count <= 1_000_000 {
            hasher.update(piece)
            fed += piece.count
        }
        hasher.update(Data(repeating: UInt8(ascii: "a"), count: 1_000_000 - fed))
        #expect(SHA256.hex(hasher.finalize()) == expected)
    }

    @Test func digestIsThirtyTwoBytes() {
        let digest = SHA256.hash(Data("abc".utf8))
        #expect(digest.count == 32)
        #expect(digest.prefix(4) == [0xba, 0x78, 0x16, 0xbf])
    }

    @Test func splitUpdatesEqualOneShotAtEverySplitPoint() {
        // 200 bytes: more than three blocks, so splits fall before, inside and after blocks.
        let message = Data((0..<200).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) })
        let expected = SHA256.hash(message)
        for split in 0...message.count {
            var hasher = SHA256()
            hasher.update(message.prefix(split))
            hasher.update(message.dropFirst(split))
            #expect(hasher.finalize() == expected, "split at \(split)")
        }
        // Byte by byte, through the raw-buffer entry point.
        var hasher = SHA256()
        message.withUnsafeBytes { bytes in
            for index in bytes.indices {
                hasher.update(UnsafeRawBufferPointer(rebasing: bytes[index..<(index + 1)]))
            }
        }
        #expect(hasher.finalize() == expected)
    }

    @Test func paddingBoundaries() {
        // Lengths 55, 56 and 64 change how many padding blocks are needed; 56 "a"s is not a
        // published vector, so compare the one-shot and the two-part paths on each.
        for length in [55, 56, 63, 64, 65, 119, 120, 128] {
            let message = Data(repeating: 0x61, count: length)
            var hasher = SHA256()
            hasher.update(message.prefix(1))
            hasher.update(message.dropFirst(1))
            #expect(hasher.finalize() == SHA256.hash(message), "length \(length)")
        }
    }

    @Test func fileHashStreamsTheFile() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("SHA256Tests-\(ProcessInfo.processInfo.processIdentifier)-\(#line)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        let small = directory.appendingPathComponent("abc.txt")
        try Data("abc".utf8).write(to: small)
        #expect(
            try SHA256.hexDigest(ofFileAt: small.path)
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")

        let empty = directory.appendingPathComponent("empty.txt")
        try Data().write(to: empty)
        #expect(
            try SHA256.hexDigest(ofFileAt: empty.path)
                == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")

        // Larger than one 1 MiB chunk and not a multiple of it.
        let bytes = Data((0..<(3 << 20) + 5).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ ($0 >> 11)) })
        let large = directory.appendingPathComponent("large.bin")
        try bytes.write(to: large)
        #expect(try SHA256.hexDigest(ofFileAt: large.path) == SHA256.hexDigest(bytes))
    }

    @Test func missingFileThrows() {
        #expect(throws: (any Error).self) {
            try SHA256.hexDigest(ofFileAt: "/nonexistent/bulletin-sha256-test")
        }
    }
}
