import Foundation
import Testing

@testable import BulletinKit

/// The SHA-NI compression against the software one and against digests computed outside this
/// code: NIST's published vectors, and Python's `hashlib.sha256` (checked with `sha256sum`) on
/// SplitMix64 bytes that `bytes(seed:count:)` and the script in the comment below both make.
///
/// ```python
/// import hashlib, struct
/// M = (1 << 64) - 1
/// def splitmix_bytes(seed, n):
///     state, out = seed, bytearray()
///     while len(out) < n:
///         state = (state + 0x9E3779B97F4A7C15) & M
///         z = state
///         z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
///         z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
///         out += struct.pack('<Q', z ^ (z >> 31))
///     return bytes(out[:n])
/// short = splitmix_bytes(300, 300)
/// print(hashlib.sha256(b''.join(hashlib.sha256(short[:n]).digest() for n in range(301))).hexdigest())
/// for n in (55, 56, 64, 300): print(n, hashlib.sha256(short[:n]).hexdigest())
/// for seed, size in ((1, 1_000_003), (2, (3 << 20) + 17), (3, 64 * 4096)):
///     print(seed, size, hashlib.sha256(splitmix_bytes(seed, size)).hexdigest())
/// ```
@Suite struct SHA256HardwareTests {
    /// Every compression this CPU can run: both on this machine (see the first test), software
    /// alone on one without the SHA extensions.
    static let implementations = SHA256.Implementation.allCases.filter { SHA256(implementation: $0) != nil }

    /// `count` bytes of SplitMix64 from `seed`, each 64-bit output little-endian.
    static func bytes(seed: UInt64, count: Int) -> [UInt8] {
        var random = SeededRandom(seed: seed)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count + 8)
        while bytes.count < count {
            withUnsafeBytes(of: random.next().littleEndian) { bytes.append(contentsOf: $0) }
        }
        return Array(bytes.prefix(count))
    }

    /// The hex digest of `message` on `implementation`, fed whole.
    static func hexDigest(_ message: [UInt8], on implementation: SHA256.Implementation) throws -> String {
        var hasher = try #require(SHA256(implementation: implementation))
        message.withUnsafeBytes { hasher.update($0) }
        return SHA256.hex(hasher.finalize())
    }

    @Test func hardwarePathIsTakenWhenTheCPUListsSHANI() throws {
        #if os(Linux)
            let cpuinfo = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
            let flagLines = cpuinfo.split(separator: "\n").filter { $0.hasPrefix("flags") }
            let flags = Set(try #require(flagLines.first).split(whereSeparator: { $0 == " " || $0 == "\t" }))
            #if arch(x86_64)
                let expected: SHA256.Implementation =
                    flags.isSuperset(of: ["sha_ni", "ssse3", "sse4_1"]) ? .hardware : .software
            #else
                let expected = SHA256.Implementation.software
            #endif
            #expect(SHA256.defaultImplementation == expected, "/proc/cpuinfo flags: \(flags.sorted())")
            #expect(SHA256().implementation == expected)
            #expect((SHA256(implementation: .hardware) != nil) == (expected == .hardware))
            #expect(Self.implementations == (expected == .hardware ? [.software, .hardware] : [.software]))
        #endif
        #expect(SHA256(implementation: .software)?.implementation == .software)
    }

    @Test(arguments: implementations)
    func oneBlockCompressionGivesTheNISTState(implementation: SHA256.Implementation) {
        // "abc" padded to one block (FIPS 180-4 §5.1.1); compressing it from the initial hash
        // value leaves the published digest's eight words (FIPS 180-2 Appendix B.1).
        var block = [UInt8](repeating: 0, count: 64)
        block[0...3] = [0x61, 0x62, 0x63, 0x80]
        block[63] = 24
        var state: SHA256.State = (
            0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab,
            0x5be0_cd19
        )
        block.withUnsafeBytes { SHA256.compress(&state, blocksAt: $0, using: implementation) }
        let words = [state.0, state.1, state.2, state.3, state.4, state.5, state.6, state.7]
        #expect(
            words == [
                0xba78_16bf, 0x8f01_cfea, 0x4141_40de, 0x5dae_2223, 0xb003_61a3, 0x9617_7a9c, 0xb410_ff61,
                0xf200_15ad,
            ])
    }

    /// FIPS 180-2 Appendix B and NIST's SHA-256 example document; the empty message from the
    /// NIST CAVS byte-oriented vectors.
    static let nistVectors: [(String, String)] = [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
        (
            "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
                + "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
        ),
    ]

    @Test(arguments: implementations)
    func nistVectors(implementation: SHA256.Implementation) throws {
        for (message, digest) in Self.nistVectors {
            #expect(try Self.hexDigest(Array(message.utf8), on: implementation) == digest, "\"\(message)\"")
        }
    }

    @Test(arguments: implementations)
    func oneMillionLetterA(implementation: SHA256.Implementation) throws {
        let expected = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(try Self.hexDigest(message, on: implementation) == expected)
        // In 997-byte pieces, which align to no block, then the remainder.
        var hasher = try #require(SHA256(implementation: implementation))
        message.withUnsafeBytes { bytes in
            var start = 0
            while start < bytes.count {
                let end = min(start + 997, bytes.count)
                hasher.update(UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
                start = end
            }
        }
        #expect(SHA256.hex(hasher.finalize()) == expected)
    }

    @Test func everyLengthUpTo300AgreesAcrossPathsAndWithHashlib() throws {
        let message = Self.bytes(seed: 300, count: 300)
        var splits = SeededRandom(seed: 0x5348_414e)
        var digests: [UInt8] = []
        for length in 0...300 {
            let prefix = Array(message.prefix(length))
            var expected: [UInt8]?
            for implementation in Self.implementations {
                // Whole, and in two pieces split at a random point.
                var whole = try #require(SHA256(implementation: implementation))
                prefix.withUnsafeBytes { whole.update($0) }
                let digest = whole.finalize()
                let split = splits.int(0...length)
                var pieces = try #require(SHA256(implementation: implementation))
                prefix.withUnsafeBytes { bytes in
                    pieces.update(UnsafeRawBufferPointer(rebasing: bytes[..<split]))
                    pieces.update(UnsafeRawBufferPointer(rebasing: bytes[split...]))
                }
                #expect(pieces.finalize() == digest, "length \(length) split at \(split), \(implementation)")
                if let expected {
                    #expect(digest == expected, "length \(length): \(implementation) differs from software")
                }
                expected = expected ?? digest
            }
            digests += try #require(expected)
        }
        // The 301 software digests, checked all at once against hashlib's, and four of them
        // (around the one- and two-block padding boundaries, and the longest) one by one.
        #expect(
            SHA256.hexDigest(Data(digests))
                == "f23421ae5357dfcb162be8a5b2f28ac02c87f9adb57a654e0e7be8f799220c84")
        let spotChecks = [
            55: "0042fba77e3c88465666a7f296f14749e1be05936b5b048ff35a5cc8e07e0f85",
            56: "51b8cc0b25a31b13f285472b4edf2197c25b0c357ccdf86fcaa618731e28875f",
            64: "d24fa87de3f3ff6249cb70afc5a9826c7245f2f5b21f76d1f90ea25c9b85186e",
            300: "522edb544aff248ddb198ba602443615865dbc2319b82b9a868b12a229c68fe6",
        ]
        for (length, expected) in spotChecks {
            for implementation in Self.implementations {
                #expect(try Self.hexDigest(Array(message.prefix(length)), on: implementation) == expected)
            }
        }
    }

    @Test(arguments: [
        (UInt64(1), 1_000_003, "b7e6df0f4c3f6ca0af79050de73bbc8c23434edf36c30596d25c14f3335a8768"),
        (UInt64(2), (3 << 20) + 17, "70a0eb1ba9e4e47fa0a870938d753e0cdafa6e63939a15bb6fab51c80cb117df"),
        (UInt64(3), 64 * 4096, "66d8529e092d0266f3718a497d4c1834b708764dca5d8aba2433eca839664679"),
    ])
    func largeRandomBufferInRandomPieces(seed: UInt64, count: Int, expected: String) throws {
        let message = Self.bytes(seed: seed, count: count)
        // Piece sizes from empty to a few blocks, now and then a large one, the same for each path.
        var random = SeededRandom(seed: seed &+ 1000)
        var cuts: [Int] = [0]
        while cuts.last! < count {
            let size = random.chance(5) ? random.int(0...300_000) : random.int(0...300)
            cuts.append(min(count, cuts.last! + size))
        }
        for implementation in Self.implementations {
            #expect(try Self.hexDigest(message, on: implementation) == expected, "\(implementation), whole")
            var hasher = try #require(SHA256(implementation: implementation))
            message.withUnsafeBytes { bytes in
                for (start, end) in zip(cuts, cuts.dropFirst()) {
                    hasher.update(UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
                }
            }
            #expect(SHA256.hex(hasher.finalize()) == expected, "\(implementation), \(cuts.count - 1) pieces")
        }
    }

    @Test func fileDigestOnEachPath() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent(
                "SHA256HardwareTests-\(ProcessInfo.processInfo.processIdentifier)-\(#line)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        // Three 1 MiB chunks and 17 bytes: reads that end inside a block.
        let file = directory.appendingPathComponent("seed2.bin")
        try Data(Self.bytes(seed: 2, count: (3 << 20) + 17)).write(to: file)
        let expected = "70a0eb1ba9e4e47fa0a870938d753e0cdafa6e63939a15bb6fab51c80cb117df"
        for implementation in Self.implementations {
            #expect(try SHA256.hexDigest(ofFileAt: file.path, implementation: implementation) == expected)
        }
        #expect(try SHA256.hexDigest(ofFileAt: file.path) == expected)
        #expect(throws: (any Error).self) {
            try SHA256.hexDigest(
                ofFileAt: directory.appendingPathComponent("missing").path, implementation: .software)
        }
    }
}
