import Foundation
import Testing

@testable import BulletinKit

/// The DEFLATE decoder against streams zlib made (Fixtures/Container/make_inflate_fixtures.py):
/// each must inflate to the length, CRC-32 and SHA-256 of what zlib compressed, pulled in chunks
/// of any size; and malformed streams built here by hand must each end in the right error.
@Suite struct InflateTests {
    struct Case: Decodable {
        var file: String
        var name: String
        var offset: Int
        var compressedLength: Int
        var length: Int
        var crc32: UInt32
        var sha256: String
    }

    static let folder = Repository.root.appendingPathComponent(
        "Tests/BulletinKitTests/Fixtures/Container/inflate")

    static func cases() throws -> [(Case, [UInt8])] {
        let index = try JSONDecoder().decode(
            [Case].self, from: Data(contentsOf: folder.appendingPathComponent("inflate.json")))
        var files: [String: [UInt8]] = [:]
        return try index.map { item in
            if files[item.file] == nil {
                files[item.file] = try [UInt8](Data(contentsOf: folder.appendingPathComponent(item.file)))
            }
            let blob = files[item.file] ?? []
            return (item, Array(blob[item.offset..<(item.offset + item.compressedLength)]))
        }
    }

    /// Every stream, at every level 0–9 and with the fixed, Huffman-only and RLE strategies,
    /// inflates to what zlib compressed, whatever the size of the pieces it is pulled in.
    @Test(arguments: [1, 7, 4096, 300_001])
    func zlibStreamsInflateToTheirOriginals(chunkSize: Int) throws {
        let cases = try Self.cases()
        #expect(cases.count == 77)
        for (item, stream) in cases {
            // One-byte pieces of the long streams would only slow the suite down; the short
            // ones already cross every block and match boundary one byte at a time.
            if chunkSize == 1 && item.length > 100_000 { continue }
            let output = try Self.inflate(stream, chunkSize: chunkSize)
            #expect(output.count == item.length, "\(item.name)")
            #expect(CRC32.checksum(output) == item.crc32, "\(item.name)")
            #expect(SHA256.hex(SHA256.hash(Data(output))) == item.sha256, "\(item.name)")
        }
    }

    /// Stored blocks (RFC 1951 §3.2.4: header bits, then LEN and NLEN at a byte boundary) of
    /// 420,000 bytes in all — past the decoder's window, so stored data wraps its slides too.
    @Test(arguments: [5, 4096, 300_001])
    func storedBlocksPastTheWindow(chunkSize: Int) throws {
        var random = SeededRandom(seed: 4)
        let payload = (0..<420_000).map { _ in UInt8.random(in: 0...255, using: &random) }
        var stream: [UInt8] = []
        for start in stride(from: 0, to: payload.count, by: 60_000) {
            let isFinal = start + 60_000 >= payload.count
            stream += [isFinal ? 1 : 0, 0x60, 0xEA, 0x9F, 0x15]  // LEN 60,000 = 0xEA60; NLEN 0x159F
            stream += payload[start..<(start + 60_000)]
        }
        #expect(try Self.inflate(stream, chunkSize: chunkSize) == payload)
    }

    /// Cut anywhere before its end, a stream reports that it ends early — never a crash, a hang
    /// or a different error.
    @Test(arguments: [
        "text-level6", "random-level0", "runs-rle", "phrases-fixed", "text-huffman", "byte-level9",
    ])
    func everyTruncationEndsEarly(name: String) throws {
        let (_, stream) = try #require(try Self.cases().first { $0.0.name == name })
        let step = max(1, stream.count / 400)
        for length in stride(from: 0, to: stream.count, by: step) {
            #expect(throws: ContainerError.streamEndsEarly, "\(name) cut at \(length)") {
                _ = try Self.inflate(Array(stream[0..<length]), chunkSize: 4096)
            }
        }
    }

    /// Bytes flipped at random never crash or hang the decoder: it ends with output or an error.
    @Test func flippedBytesNeverCrash() throws {
        var random = SeededRandom(seed: 1951)
        let streams = try Self.cases().filter { $0.1.count > 20 && $0.1.count < 20_000 }.map(\.1)
        for round in 0..<600 {
            var stream = streams[round % streams.count]
            for _ in 0...random.int(0...3) {
                stream[random.below(stream.count)] ^= UInt8(1 << random.int(0...7))
            }
            // Each input bit yields at most one 258-byte match, which bounds any output.
            if let output = try? Self.inflate(stream, chunkSize: 65_536) {
                #expect(output.count <= stream.count * 8 * 258)
            }
        }
    }

    /// Hand-made streams (RFC 1951 bit order: header fields least significant bit first,
    /// Huffman codes most significant bit first), each broken in one way.
    @Test(arguments: [
        // BFINAL 1, BTYPE 11.
        ("reserved block type", [UInt8(0b111)], ContainerError.Kind.corrupt),
        // Stored, LEN 5, NLEN 0 instead of 0xFFFA.
        ("stored length mismatch", [0x01, 0x05, 0x00, 0x00, 0x00], .corrupt),
        // Stored, LEN 5, NLEN 0xFFFA, but only two data bytes.
        ("stored data cut short", [0x01, 0x05, 0x00, 0xFA, 0xFF, 0x61, 0x62], .truncated),
        ("empty input", [], .truncated),
        ("header cut inside NLEN", [0x01, 0x05, 0x00, 0xFA], .truncated),
        // Not final, an empty stored block, then nothing.
        ("no final block", [0x00, 0x00, 0x00, 0xFF, 0xFF], .truncated),
    ])
    func brokenStoredAndHeaderStreams(name: String, stream: [UInt8], kind: ContainerError.Kind) {
        #expect(Self.errorKind(stream) == kind, "\(name)")
    }

    @Test func fixedBlockErrors() throws {
        // Fixed code (RFC 1951 §3.2.6): length 3 is symbol 257 = 7-bit 0000001; distance 1 is
        // the 5-bit code 00000; literal 'a' (97) is 8-bit 0x30 + 97; 286 is 11000000 + 6.
        var tooFar = BitWriter()
        tooFar.header(final: true, type: 1)
        tooFar.code(0b000_0001, length: 7)  // length 3 …
        tooFar.code(0b00000, length: 5)  // … distance 1, with nothing written yet
        tooFar.code(0, length: 7)  // end of block
        #expect(Self.errorKind(tooFar.bytes) == .corrupt)

        var justRight = BitWriter()
        justRight.header(final: true, type: 1)
        justRight.code(0x30 + 97, length: 8)  // 'a'
        justRight.code(0b000_0001, length: 7)  // length 3, distance 1: "aaa"
        justRight.code(0b00000, length: 5)
        justRight.code(0, length: 7)
        #expect(try Self.inflate(justRight.bytes, chunkSize: 3) == Array("aaaa".utf8))

        var distance30 = BitWriter()
        distance30.header(final: true, type: 1)
        distance30.code(0x30 + 97, length: 8)
        distance30.code(0b000_0001, length: 7)
        distance30.code(30, length: 5)  // distance symbol 30 does not exist
        #expect(Self.errorKind(distance30.bytes) == .corrupt)

        var symbol286 = BitWriter()
        symbol286.header(final: true, type: 1)
        symbol286.code(0b1100_0000 + 6, length: 8)
        #expect(Self.errorKind(symbol286.bytes) == .corrupt)

        var noEnd = BitWriter()
        noEnd.header(final: true, type: 1)
        noEnd.code(0x30 + 97, length: 8)
        #expect(Self.errorKind(noEnd.bytes) == .truncated)
    }

    /// Dynamic headers whose codes break the rules. `lengths` are the code-length code's lengths
    /// in the transmitted order 16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2.
    @Test func dynamicHeaderErrors() throws {
        // Four 1-bit codes (for 16, 17, 18, 0): over-subscribed.
        #expect(Self.errorKind(Self.dynamic(codeLengthLengths: [1, 1, 1, 1], symbols: [])) == .corrupt)
        // One 1-bit code alone (for 0) in the code-length code: incomplete.
        #expect(Self.errorKind(Self.dynamic(codeLengthLengths: [0, 0, 0, 1], symbols: [])) == .corrupt)
        // Code-length code: 0 and 2, one bit each (0 → "0", 2 → "1"). Literal/length lengths: 'A'
        // and 256 two bits, all else zero — two of four 2-bit codes: incomplete.
        var incomplete = [Int](repeating: 0, count: 258)
        incomplete[65] = 2
        incomplete[256] = 2
        let zeroOrTwo = [0, 0, 0, 1] + [Int](repeating: 0, count: 11) + [1]
        #expect(Self.errorKind(Self.dynamic(codeLengthLengths: zeroOrTwo, symbols: incomplete)) == .corrupt)
        // Code-length code: 0 and 1 (0 → "0", 1 → "1"). Lengths: 'A' and 'B' one bit, 256 none.
        var noEndOfBlock = [Int](repeating: 0, count: 258)
        noEndOfBlock[65] = 1
        noEndOfBlock[66] = 1
        let zeroOrOne = [0, 0, 0, 1] + [Int](repeating: 0, count: 13) + [1]
        #expect(Self.errorKind(Self.dynamic(codeLengthLengths: zeroOrOne, symbols: noEndOfBlock)) == .corrupt)
        // Code-length code: 16 and 0. The first length is "repeat the previous one".
        #expect(Self.errorKind(Self.dynamic(codeLengthLengths: [1, 0, 0, 1], symbols: [16])) == .corrupt)
        // A complete, valid header: 'A' and 256 one bit each ('A' → "0", 256 → "1"), one
        // distance code of one bit; then 'A', 'A', end of block.
        var valid = [Int](repeating: 0, count: 258)
        valid[65] = 1
        valid[256] = 1
        valid[257] = 1
        var stream = Self.dynamic(
            codeLengthLengths: zeroOrOne, symbols: valid, then: [(0, 1), (0, 1), (1, 1)])
        #expect(try Self.inflate(stream, chunkSize: 1) == Array("AA".utf8))
        // HLIT 30 claims 287 literal/length codes; at most 286 exist.
        var tooMany = BitWriter()
        tooMany.header(final: true, type: 2)
        tooMany.value(30, bits: 5)
        tooMany.value(0, bits: 5)
        tooMany.value(0, bits: 4)
        stream = tooMany.bytes + [0, 0, 0, 0]
        #expect(Self.errorKind(stream) == .corrupt)
    }
}

extension InflateTests {
    /// Inflates `stream` in pieces of `chunkSize`, with a guard against a decoder that never ends.
    static func inflate(_ stream: [UInt8], chunkSize: Int) throws -> [UInt8] {
        let inflater = Inflater()
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        let limit = stream.count * 8 * 258 + 1
        while output.count <= limit {
            let count = try stream.withUnsafeBufferPointer { input in
                try chunk.withUnsafeMutableBufferPointer { try inflater.read(into: $0, from: input) }
            }
            if count == 0 { return output }
            output += chunk[0..<count]
        }
        Issue.record("the decoder produced more than its input can encode")
        return output
    }

    static func errorKind(_ stream: [UInt8]) -> ContainerError.Kind? {
        do {
            _ = try inflate(stream, chunkSize: 4096)
            return nil
        } catch let error as ContainerError {
            return error.kind
        } catch {
            return nil
        }
    }

    /// A final dynamic block with 257 literal/length and 1 distance code, whose code-length code
    /// gives the 1-bit codes "0" and "1" to the two symbols with length 1 in `codeLengthLengths`
    /// (or whatever those lengths make), then `symbols` coded with it — each written as the
    /// 1-bit code of its rank among those two — then the codes in `then`.
    static func dynamic(codeLengthLengths: [Int], symbols: [Int], then: [(Int, Int)] = []) -> [UInt8] {
        var writer = BitWriter()
        writer.header(final: true, type: 2)
        writer.value(0, bits: 5)  // HLIT: 257
        writer.value(0, bits: 5)  // HDIST: 1
        writer.value(codeLengthLengths.count - 4, bits: 4)
        for length in codeLengthLengths { writer.value(length, bits: 3) }
        // The code-length symbols with 1-bit codes, in symbol order: the first gets "0".
        let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
        let coded = zip(order, codeLengthLengths).filter { $0.1 == 1 }.map(\.0).sorted()
        for symbol in symbols { writer.code(coded.firstIndex(of: symbol) ?? 0, length: 1) }
        for (code, length) in then { writer.code(code, length: length) }
        return writer.bytes
    }
}

/// Packs bits as DEFLATE does: from each byte's least significant bit up.
struct BitWriter {
    var bytes: [UInt8] = []
    var used = 8

    mutating func bit(_ bit: Int) {
        if used == 8 {
            bytes.append(0)
            used = 0
        }
        bytes[bytes.count - 1] |= UInt8(bit & 1) << used
        used += 1
    }

    /// A header field: least significant bit first.
    mutating func value(_ value: Int, bits: Int) {
        for index in 0..<bits { bit(value >> index) }
    }

    /// A Huffman code: most significant bit first.
    mutating func code(_ code: Int, length: Int) {
        for index in stride(from: length - 1, through: 0, by: -1) { bit(code >> index) }
    }

    mutating func header(final: Bool, type: Int) {
        value(final ? 1 : 0, bits: 1)
        value(type, bits: 2)
    }
}
