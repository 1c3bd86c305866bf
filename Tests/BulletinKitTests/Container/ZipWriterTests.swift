import Foundation
import Testing

@testable import BulletinKit

@Suite struct ZipWriterTests {
    /// Written by CPython's zipfile (3.12), the reference here, with the choices the writer makes:
    ///
    ///     for name, data in [("a.txt", b"hello"),
    ///                        ("word/document.xml", "<w:t>南阳 &amp; 通报</w:t>".encode()),
    ///                        ("empty", b"")]:
    ///         info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    ///         info.compress_type = zipfile.ZIP_STORED; info.create_system = 3
    ///         info.external_attr = 0o100644 << 16
    ///         archive.writestr(info, data)
    static let pythonArchive = """
        UEsDBBQAAAAAAAAAIQCGphA2BQAAAAUAAAAFAAAAYS50eHRoZWxsb1BLAwQUAAAAAAAAACEAv4pznB4AAAAeAAAAEQAAAHdvcmQvZG9jdW1l\
        bnQueG1sPHc6dD7ljZfpmLMgJmFtcDsg6YCa5oqlPC93OnQ+UEsDBBQAAAAAAAAAIQAAAAAAAAAAAAAAAAAFAAAAZW1wdHlQSwECFAMUAAAA\
        AAAAACEAhqYQNgUAAAAFAAAABQAAAAAAAAAAAAAApIEAAAAAYS50eHRQSwECFAMUAAAAAAAAACEAv4pznB4AAAAeAAAAEQAAAAAAAAAAAAAA\
        pIEoAAAAd29yZC9kb2N1bWVudC54bWxQSwECFAMUAAAAAAAAACEAAAAAAAAAAAAAAAAABQAAAAAAAAAAAAAApIF1AAAAZW1wdHlQSwUGAAAA\
        AAMAAwClAAAAmAAAAAAA
        """

    static let entries: [(name: String, bytes: [UInt8])] = [
        ("a.txt", Array("hello".utf8)),
        ("word/document.xml", Array("<w:t>南阳 &amp; 通报</w:t>".utf8)),
        ("empty", []),
    ]

    @Test func archiveEqualsPythonZipfileByteForByte() throws {
        let expected = try #require(Data(base64Encoded: Self.pythonArchive))
        #expect(try ZipWriter.archive(Self.entries) == Array(expected))
    }

    /// The first local header read field by field. "hello" has CRC-32 0x3610A686 (zlib.crc32);
    /// 1980-01-01 is DOS date (0 << 9) | (1 << 5) | 1 = 0x0021 and 00:00:00 is time 0.
    @Test func localHeaderFieldsByHand() throws {
        let bytes = try ZipWriter.archive([("a.txt", Array("hello".utf8))])
        let expectedHeader: [UInt8] = [
            0x50, 0x4B, 0x03, 0x04,  // local file header signature
            20, 0,  // version needed: 2.0
            0, 0,  // flags
            0, 0,  // method: stored
            0, 0,  // time 00:00:00
            0x21, 0,  // date 1980-01-01
            0x86, 0xA6, 0x10, 0x36,  // CRC-32, little-endian
            5, 0, 0, 0, 5, 0, 0, 0,  // sizes
            5, 0, 0, 0,  // name length, extra length
        ]
        #expect(Array(bytes.prefix(30)) == expectedHeader)
        #expect(Array(bytes[30..<40]) == Array("a.txthello".utf8))
        // The end record: one entry, a 51-byte central header (46 + name) at offset 40.
        let end = Array(bytes.suffix(22))
        #expect(end == [0x50, 0x4B, 0x05, 0x06, 0, 0, 0, 0, 1, 0, 1, 0, 51, 0, 0, 0, 40, 0, 0, 0, 0, 0])
        #expect(bytes.count == 40 + 51 + 22)
    }

    /// An entry produced in chunks (twice, by the writer) is the same as one given whole.
    @Test func producedEntryEqualsWholeEntry() throws {
        var random = SeededRandom(seed: 14)
        let data = (0..<200_000).map { _ in UInt8.random(in: 0...255, using: &random) }
        var produced: [UInt8] = []
        var writer = ZipWriter { produced += $0 }
        try writer.add("data.bin") { stream in
            var start = 0
            while start < data.count {
                let end = min(data.count, start + 777)
                for byte in data[start..<end] { stream.append(byte: byte) }
                start = end
            }
        }
        try writer.finish()
        #expect(produced == (try ZipWriter.archive([("data.bin", data)])))
        let archive = try StoredZip(produced)
        #expect(archive.entries.map(\.name) == ["data.bin"])
        #expect(archive.entries.first?.bytes == data)
    }

    /// Where the bytes emitted can be rewritten, a produced entry is produced once and its
    /// header completed after: the archive is byte for byte the one made from the whole bytes.
    @Test func producedOnceWhereHeadersCanBeRewritten() throws {
        var random = SeededRandom(seed: 15)
        let data = (0..<100_000).map { _ in UInt8.random(in: 0...255, using: &random) }
        var produced: [UInt8] = []
        var runs = 0
        var writer = ZipWriter(
            emit: { produced += $0 },
            rewrite: { offset, bytes in
                produced.replaceSubrange(Int(offset)..<Int(offset) + bytes.count, with: bytes)
            })
        try writer.add("first.txt", bytes: Array("before".utf8))
        try writer.add("data.bin") { stream in
            runs += 1
            data.withUnsafeBufferPointer { stream.append(bytes: $0) }
        }
        try writer.add("last.txt", bytes: Array("after".utf8))
        try writer.finish()
        #expect(runs == 1)
        let whole = try ZipWriter.archive([
            ("first.txt", Array("before".utf8)), ("data.bin", data), ("last.txt", Array("after".utf8)),
        ])
        #expect(produced == whole)
        let archive = try StoredZip(produced)
        #expect(archive.entries.map(\.name) == ["first.txt", "data.bin", "last.txt"])
        #expect(archive.entries[1].bytes == data)
    }

    /// A sink in memory rewrites bytes it took in earlier chunks, across a chunk's end.
    @Test func memorySinkRewritesAcrossChunks() {
        let sink = ChunkSink()
        var first: [UInt8] = [1, 2, 3, 4]
        var second: [UInt8] = [5, 6, 7, 8]
        sink.take(&first)
        sink.take(&second)
        sink.rewrite(at: 2, [30, 40, 50, 60, 70])
        #expect(sink.collected.flatMap { $0 } == [1, 2, 30, 40, 50, 60, 70, 8])
    }

    @Test func producerThatChangesIsRefused() {
        var runs = 0
        var writer = ZipWriter { _ in }
        #expect(throws: ZipWriter.Failure.unrepeatableEntry("x")) {
            try writer.add("x") { stream in
                runs += 1
                stream.append(runs == 1 ? "first" : "other")
            }
        }
    }

    @Test func duplicateAndEmptyNamesAreRefused() throws {
        var writer = ZipWriter { _ in }
        try writer.add("a", bytes: [1])
        #expect(throws: ZipWriter.Failure.duplicateName("a")) { try writer.add("a", bytes: [2]) }
        #expect(throws: ZipWriter.Failure.badName("")) { try writer.add("", bytes: []) }
    }

    /// Without ZIP64 an archive holds 65,535 entries; the next is refused.
    @Test func entryCountLimit() throws {
        var writer = ZipWriter { _ in }
        for index in 0..<0xFFFF { try writer.add("\(index)", bytes: []) }
        #expect(throws: ZipWriter.Failure.tooManyEntries) { try writer.add("one more", bytes: []) }
    }

    /// The 4 GiB limit: 0xFFFFFFFE is the largest field value (0xFFFFFFFF means ZIP64). Checked
    /// with a limit of 100 bytes: a 40-byte entry named "a" takes 30 + 1 + 40 = 71, a second
    /// would end at 142 and is refused before any of its bytes is emitted.
    @Test func entryPastTheSizeLimitIsRefusedBeforeItIsWritten() throws {
        #expect(ZipWriter.limit == 4_294_967_294)
        var emitted = 0
        var writer = ZipWriter(sizeLimit: 100) { emitted += $0.count }
        try writer.add("a", bytes: Array(repeating: 7, count: 40))
        #expect(emitted == 71)
        #expect(throws: ZipWriter.Failure.tooLarge(entry: "b")) {
            try writer.add("b", bytes: Array(repeating: 7, count: 40))
        }
        #expect(throws: ZipWriter.Failure.tooLarge(entry: "c")) {
            try writer.add("c") { $0.append(String(repeating: "x", count: 40)) }
        }
        #expect(emitted == 71)
    }
}

/// A reader of stored-entry ZIP archives for the tests, written from APPNOTE 6.3 (and not from
/// the writer): it walks the central directory from the end record, checks each local header
/// against its central one, and checks every entry's CRC-32 with a bit-by-bit CRC of its own.
struct StoredZip {
    struct Entry {
        var name: String
        var bytes: [UInt8]
        var dosTime: UInt16
        var dosDate: UInt16
    }

    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    let entries: [Entry]

    init(_ bytes: [UInt8]) throws {
        func u16(_ at: Int) throws -> Int {
            guard at >= 0, at + 2 <= bytes.count else {
                throw Malformed(description: "read past the end at \(at)")
            }
            return Int(bytes[at]) | Int(bytes[at + 1]) << 8
        }
        func u32(_ at: Int) throws -> Int { try u16(at) | (u16(at + 2) << 16) }
        let end = bytes.count - 22
        guard end >= 0, try u32(end) == 0x0605_4B50 else { throw Malformed(description: "no end record") }
        let count = try u16(end + 10)
        var position = try u32(end + 16)
        guard try u32(end + 12) == end - position else {
            throw Malformed(description: "central directory size")
        }
        var entries: [Entry] = []
        for _ in 0..<count {
            guard try u32(position) == 0x0201_4B50 else {
                throw Malformed(description: "central header at \(position)")
            }
            let method = try u16(position + 10)
            let crc = UInt32(try u32(position + 16))
            let size = try u32(position + 20)
            let nameLength = try u16(position + 28)
            let skip = try u16(position + 30) + (u16(position + 32))
            let local = try u32(position + 42)
            let name = String(decoding: bytes[(position + 46)..<(position + 46 + nameLength)], as: UTF8.self)
            guard method == 0, try u32(position + 24) == size else {
                throw Malformed(description: "\(name) not stored")
            }
            guard try u32(local) == 0x0403_4B50, try u32(local + 14) == Int(crc), try u32(local + 22) == size,
                try u16(local + 26) == nameLength
            else { throw Malformed(description: "\(name): local header disagrees") }
            let start = local + 30 + nameLength + (try u16(local + 28))
            guard start + size <= bytes.count else { throw Malformed(description: "\(name) past the end") }
            let data = Array(bytes[start..<(start + size)])
            guard Self.crc32(data) == crc else { throw Malformed(description: "\(name): CRC mismatch") }
            entries.append(
                Entry(
                    name: name, bytes: data, dosTime: UInt16(try u16(position + 12)),
                    dosDate: UInt16(try u16(position + 14))))
            position += 46 + nameLength + skip
        }
        self.entries = entries
    }

    init(_ data: Data) throws { try self.init(Array(data)) }

    /// The entry named `name`, as text.
    func text(_ name: String) -> String? {
        entries.first { $0.name == name }.map { String(decoding: $0.bytes, as: UTF8.self) }
    }

    /// CRC-32 bit by bit (reflected 0xEDB88320).
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return crc ^ 0xFFFF_FFFF
    }
}
